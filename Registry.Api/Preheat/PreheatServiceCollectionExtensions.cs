using System.Net;
using Microsoft.Extensions.Options;
using Registry.Api.Settings;
using Registry.Core.Preheat;

namespace Registry.Api.Preheat;

internal static class PreheatServiceCollectionExtensions
{
    /// <summary>Preheat: its settings, the client that asks edges to prefetch, and <see cref="PreheatService"/>.</summary>
    public static IServiceCollection AddPreheat(this IServiceCollection services)
    {
        services.AddSettings<PreheatSettings, PreheatSettingsValidator>(PreheatSettings.SectionName);
        services.AddSingleton<IPreheatEdges, PreheatEdgeClient>();
        services.AddSingleton<PreheatService>();
        services.AddSingleton<PreheatQueue>();
        services.AddSingleton<Core.Changes.IChangeListener, PreheatRuleListener>();
        services.AddHostedService<PreheatRuleWorker>();
        services.AddHttpClient(PreheatEdgeClient.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                ConnectTimeout = provider.GetRequiredService<IOptions<PreheatSettings>>().Value.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        return services;
    }
}
