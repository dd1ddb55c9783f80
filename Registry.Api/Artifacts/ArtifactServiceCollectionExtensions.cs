using Registry.Api.Settings;

namespace Registry.Api.Artifacts;

internal static class ArtifactServiceCollectionExtensions
{
    /// <summary>The artifact repositories' services: their settings, the handlers' dependencies and retention runs.</summary>
    public static IServiceCollection AddArtifactory(this IServiceCollection services)
    {
        services.AddSettings<ArtifactSettings, ArtifactSettingsValidator>(ArtifactSettings.SectionName);
        services.AddSingleton<ArtifactServices>();
        services.AddSingleton<ArtifactRetentionRunner>();
        services.AddSingleton<ArtifactRetentionRuns>();
        return services;
    }
}
