using Registry.Api.Settings;

namespace Registry.Api.Oci;

internal static class OciServiceCollectionExtensions
{
    /// <summary>The distribution API's services: its pagination settings, the tag-list cache and the handlers' dependencies.</summary>
    public static IServiceCollection AddOciDistribution(this IServiceCollection services)
    {
        services.AddSettings<PaginationSettings, PaginationSettingsValidator>(PaginationSettings.SectionName);
        services.AddSingleton<TagListCache>();
        services.AddSingleton<OciServices>();
        return services;
    }
}
