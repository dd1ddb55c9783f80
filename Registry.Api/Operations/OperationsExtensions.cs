using Microsoft.Extensions.Options;
using Prometheus;
using Registry.Api.Jobs;
using Registry.Api.Operations.Health;
using Registry.Api.Operations.Metrics;
using Registry.Core.Storage;

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
        services.AddSingleton<BlobStoreStartupCheck>();
        services.AddSingleton<Registry.Storage.StorageFailures>();
        // One registry per host, never prometheus-net's static default one: each host (several in one test
        // process) exposes only its own counts, and none of prometheus-net's default process metrics.
        services.AddSingleton(_ => global::Prometheus.Metrics.NewCustomRegistry());
        services.AddSingleton<RegistryMetrics>();
        services.AddSingleton<RuntimeMeterBridge>();
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
            // Created now, so the runtime's instruments count from the start rather than from the first scrape.
            app.Services.GetRequiredService<RuntimeMeterBridge>();
            app.UseMiddleware<RequestMetricsMiddleware>();
            RegistryMetrics metrics = app.Services.GetRequiredService<RegistryMetrics>();
            if (app.Services.GetRequiredService<IBlobStore>() is INodeBlobCache { Usage: not null } readCache)
            {
                metrics.TrackReadCache(readCache);
            }

            CollectorRegistry registry = metrics.Registry;
            RequestDelegate scrape = ((IEndpointRouteBuilder)app).CreateApplicationBuilder()
                .Use(OperationsEndpoints.BeforeMetrics)
                .UseMetricServer(settings =>
                {
                    settings.Registry = registry;

                    // Always the text format 0.0.4, whatever the scraper's Accept header asks for.
                    settings.EnableOpenMetrics = false;
                }, url: null)
                .Build();
            app.MapGet("/metrics", scrape).AllowAnonymous();
        }

        app.MapGet("/healthz", OperationsEndpoints.Healthz).AllowAnonymous();
        app.MapGet("/readyz", OperationsEndpoints.Readyz).AllowAnonymous();
        return app;
    }
}
