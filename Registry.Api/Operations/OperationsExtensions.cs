using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Api.Operations.Health;
using Registry.Api.Operations.Metrics;
using Registry.Api.Operations.Prometheus;

namespace Registry.Api.Operations;

internal static class OperationsExtensions
{
    /// <summary>Console log format, readiness checks and metrics (see docs/operations.md).</summary>
    public static WebApplicationBuilder AddRegistryOperations(this WebApplicationBuilder builder)
    {
        RegistryLogging.Configure(builder);
        IServiceCollection services = builder.Services;
        services.AddOptions<OperationsOptions>()
            .Bind(builder.Configuration.GetSection(OperationsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IReadinessCheck, MetadataStoreReadinessCheck>();
        services.AddSingleton<IReadinessCheck, BlobStoreReadinessCheck>();
        services.AddSingleton<ReadinessProbe>();
        services.AddSingleton<RegistryMetrics>();
        services.AddSingleton<PrometheusExporter>();
        services.AddLeasedJob<StorageUsageSampler>(StorageUsageSampler.JobName, _ => new JobSchedule(StorageUsageSampler.Interval), JobScope.Node);
        return builder;
    }

    /// <summary>
    /// The request metrics middleware (call first, so it sees every request and its final status) and the
    /// <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> endpoints, none of which requires authentication.
    /// </summary>
    public static WebApplication MapRegistryOperations(this WebApplication app)
    {
        OperationsOptions options = app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value;
        if (options.MetricsEnabled)
        {
            // Created now, so the listener counts from the first request rather than from the first scrape.
            app.Services.GetRequiredService<PrometheusExporter>();
            app.UseMiddleware<RequestMetricsMiddleware>();
            app.MapGet("/metrics", OperationsEndpoints.Metrics).AllowAnonymous();
        }

        app.MapGet("/healthz", OperationsEndpoints.Healthz).AllowAnonymous();
        app.MapGet("/readyz", OperationsEndpoints.Readyz).AllowAnonymous();
        return app;
    }
}
