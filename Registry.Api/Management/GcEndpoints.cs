using Registry.Api.Management.Access;
using System.Globalization;
using Registry.Api.Auth;
using Registry.Api.Jobs;
using Registry.Api.Gc;
using Registry.Api.Management.Models;
using Registry.Core.Gc;

namespace Registry.Api.Management;

/// <summary>
/// Garbage collection: <c>GET /api/v1/gc</c> (queue and run history; any signed-in caller), <c>GET
/// /api/v1/gc/preview</c> (what a pass would remove now) and <c>POST /api/v1/gc/run</c> (run a pass now; audited
/// registry.gc), both for global admins.
/// </summary>
internal static class GcEndpoints
{
    /// <summary>How long a requested pass waits for one running on another node to end before answering 409.</summary>
    private static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(30);

    public static RouteGroupBuilder MapGcEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/gc", StatusAsync);
        api.MapGet("/gc/preview", PreviewAsync).RequireGlobalAdmin("garbage collection");
        api.MapPost("/gc/run", RunAsync).RequireGlobalAdmin("garbage collection");
        return api;
    }

    private static async Task<IResult> StatusAsync(ManagementCaller caller, int? runs, HttpContext context, ManagementServices services, IGcStore store)
    {
        if (runs is < 1 or > 1000)
        {
            return ManagementCaller.BadRequest("runs", "runs is a number from 1 to 1000");
        }

        GcSettings settings = services.Gc;
        CancellationToken ct = context.RequestAborted;
        GcQueueStatus queue = await store.GetQueueStatusAsync(services.Time.GetUtcNow() - settings.ReviewDelay, ct);
        IReadOnlyList<GcRunModel> history = [.. (await store.ListRunsAsync(runs ?? 20, ct)).Select(GcRunModel.From)];
        return TypedResults.Ok(new GcStatusModel(settings.Enabled, settings.Interval, settings.ReviewDelay, settings.PinDuration, queue, history.FirstOrDefault(), history));
    }

    private static async Task<IResult> PreviewAsync(HttpContext context, ManagementServices services, GarbageCollector collector)
    {
        GcPreview preview = await collector.PreviewAsync(context.RequestAborted);
        return TypedResults.Ok(new GcPassModel(true, null, preview.Blobs.Count, preview.Bytes, GcBlobModel.From(preview.Blobs)));
    }

    private static async Task<IResult> RunAsync(HttpContext context, ManagementServices services, GarbageCollector collector, NodeIdentity node)
    {
        GcPassResult? result = await collector.RunAsync(context.GetActor(), "api", node.Id, LeaseWait, context.RequestAborted);
        if (result is null)
        {
            services.Audit.Record(context, "registry.gc", null, "another node's pass held the lease", success: false);
            return ManagementCaller.Conflict("a garbage-collection pass is running on another node; try again when it ends");
        }

        GcRun run = result.Run;
        return TypedResults.Ok(new GcPassModel(false, GcRunModel.From(run), run.BlobsDeleted, run.BytesFreed, GcBlobModel.From(result.Removed)));
    }

}
