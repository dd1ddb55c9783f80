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
        services.AddSingleton<DockerRemotes>();
        services.AddSingleton<DockerMirrors>();
        services.AddSingleton<Auth.IMirrorAccess>(provider => provider.GetRequiredService<DockerMirrors>());
        services.AddSingleton<Core.Changes.IChangeListener, DockerRemotesChangeListener>();
        services.AddHostedService<DockerRemotesRefresher>();
        services.AddSingleton<RemoteFreshness>();
        services.AddSingleton<RemoteManifests>();
        services.AddSingleton<RemoteBlobSpools>();
        services.AddSingleton<RemoteBlobs>();
        services.AddSingleton<RemotePrefetch>();
        return services;
    }
}
