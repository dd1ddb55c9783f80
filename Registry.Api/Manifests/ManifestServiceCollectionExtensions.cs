using Registry.Api.Settings;

namespace Registry.Api.Manifests;

internal static class ManifestServiceCollectionExtensions
{
    /// <summary>The <c>Registry:Manifests</c> settings and the manifest cache the OCI handlers and the catalog share.</summary>
    public static IServiceCollection AddManifestCache(this IServiceCollection services)
    {
        services.AddSettings<ManifestSettings, ManifestSettingsValidator>(ManifestSettings.SectionName);
        services.AddSingleton<ManifestCache>();
        return services;
    }
}
