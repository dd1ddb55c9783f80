using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Registry.Api.Settings;
using Registry.Core.Access;

namespace Registry.Api.Upstream;

internal static class UpstreamServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> every upstream request goes through.</summary>
    public const string ClientName = "upstream";

    /// <summary>
    /// The one HTTP client for upstreams (remote repositories, replication): no automatic redirects (the
    /// <see cref="UpstreamClient"/> follows them, deciding where credentials go), no decompression, and the standard
    /// resilience pipeline per upstream authority: attempt and total timeouts, retries with exponential backoff and
    /// jitter on connection errors, 408, 429 and 5xx, and a circuit breaker, so one failing upstream does not slow
    /// the others.
    /// </summary>
    public static IServiceCollection AddUpstreams(this IServiceCollection services)
    {
        services.AddSettings<UpstreamSettings, UpstreamSettingsValidator>(UpstreamSettings.SectionName);
        services.AddSingleton<ICredentialProtector, DataProtectionCredentialProtector>();
        services.AddSingleton<UpstreamTokens>();
        services.AddSingleton<UpstreamClient>();
        services.AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                ConnectTimeout = provider.GetRequiredService<IOptions<UpstreamSettings>>().Value.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions options, IServiceProvider provider) =>
            {
                UpstreamSettings settings = provider.GetRequiredService<IOptions<UpstreamSettings>>().Value;
                options.AttemptTimeout.Timeout = settings.AttemptTimeout;
                options.TotalRequestTimeout.Timeout = settings.TotalTimeout;
                options.Retry.MaxRetryAttempts = settings.MaxRetries;
                options.Retry.DisableForUnsafeHttpMethods();
                options.CircuitBreaker.SamplingDuration = settings.AttemptTimeout * 2 > options.CircuitBreaker.SamplingDuration
                    ? settings.AttemptTimeout * 2
                    : options.CircuitBreaker.SamplingDuration;
            })
            .SelectPipelineByAuthority();
        return services;
    }
}
