using Registry.Api.Settings;

namespace Registry.Api.Lineage;

internal static class LineageServiceCollectionExtensions
{
    /// <summary>Image lineage: its settings and the service that answers base-image questions.</summary>
    public static IServiceCollection AddLineage(this IServiceCollection services)
    {
        services.AddSettings<LineageSettings>(LineageSettings.SectionName);
        services.AddSingleton<LineageService>();
        return services;
    }
}
