using Registry.Api.Settings;

namespace Registry.Api.Artifacts;

internal static class ArtifactServiceCollectionExtensions
{
    /// <summary>The artifact repositories' services: their settings, the handlers' dependencies (their retention runs are the retention area's: AddRegistryRetention).</summary>
    public static IServiceCollection AddArtifactory(this IServiceCollection services)
    {
        services.AddSettings<ArtifactSettings, ArtifactSettingsValidator>(ArtifactSettings.SectionName);
        services.AddSingleton<ArtifactServices>();
        services.AddSingleton<RemoteMisses>();
        services.AddSingleton<RemoteFetcher>();
        return services;
    }
}
