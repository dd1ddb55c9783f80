using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Operations.Health;
using Registry.Api.Operations.Metrics;

namespace Registry.Api.Operations;

/// <summary>
/// <c>/healthz</c> (the process answers), <c>/readyz</c> (its stores answer) and what runs before prometheus-net's
/// <c>/metrics</c> middleware writes the scrape.
/// None of them needs credentials: probes and scrapers carry none.
/// </summary>
internal static class OperationsEndpoints
{
    private static readonly HealthBody Ok = new("ok");

    public static Ok<HealthBody> Healthz(HttpContext context)
    {
        Label(context, MetricLabels.Healthz);
        NoStore(context);
        return TypedResults.Ok(Ok);
    }

    public static async Task<JsonHttpResult<ReadinessBody>> Readyz(HttpContext context, ReadinessProbe probe)
    {
        Label(context, MetricLabels.Readyz);
        NoStore(context);
        IReadOnlyList<ReadinessResult> results = await probe.RunAsync(context.RequestAborted);
        var checks = new Dictionary<string, ReadinessCheckBody>(results.Count, StringComparer.Ordinal);
        bool ready = true;
        foreach (ReadinessResult result in results)
        {
            checks[result.Name] = new ReadinessCheckBody(result.Passed ? "ok" : "failed", result.Error);
            ready &= result.Passed;
        }

        return TypedResults.Json(
            new ReadinessBody(ready ? "ready" : "unavailable", checks),
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Labels a <c>/metrics</c> request for the request metrics and keeps its answer out of caches.</summary>
    public static Task BeforeMetrics(HttpContext context, RequestDelegate next)
    {
        Label(context, MetricLabels.MetricsRoute);
        NoStore(context);
        return next(context);
    }

    private static void Label(HttpContext context, string route)
        => context.Features.Get<RequestMetricsFeature>()?.SetRoute(route);

    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";
}
