
using Registry.Api.Settings;

namespace Registry.Api.Catalog;

internal static class CatalogServiceCollectionExtensions
{
    /// <summary>The catalog reader and the pull counter (a hosted service that flushes counts in batches).</summary>
    public static IServiceCollection AddRegistryCatalog(this IServiceCollection services)
    {
        services.AddSettings<CatalogSettings>(CatalogSettings.SectionName)
            .Validate(o => o.PullFlushInterval > TimeSpan.Zero, "Registry:Catalog:PullFlushInterval must be a positive time span, e.g. 00:00:05.")
            .Validate(o => o.MaxConfigBytes >= 0, "Registry:Catalog:MaxConfigBytes must not be negative.");
        services.AddSingleton<ManifestDetailsReader>();
        services.AddSingleton<CatalogReader>();
        services.AddSingleton<PullRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<PullRecorder>());
        return services;
    }
}
