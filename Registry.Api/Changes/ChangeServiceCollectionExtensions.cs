using Registry.Core.Changes;
using Registry.Core.Content;
using Registry.Core.Tags;

namespace Registry.Api.Changes;

internal static class ChangeServiceCollectionExtensions
{
    /// <summary>
    /// The application services every entry point changes content and tags through, and the change feed they
    /// announce on. Listeners are registered in the order they hear a change: the access cache, audit, lineage, the webhook list, webhook events, metrics.
    /// </summary>
    public static IServiceCollection AddChanges(this IServiceCollection services)
    {
        services.AddSingleton<IChangeFeed, ChangeFeed>();
        services.AddSingleton<IChangeListener, Auth.AccessDirectoryChangeListener>();
        services.AddSingleton<IChangeListener, Auth.AuditChangeListener>();
        services.AddSingleton<IChangeListener, Lineage.LineageChangeListener>();
        services.AddSingleton<IChangeListener, Events.WebhookDirectoryChangeListener>();
        services.AddSingleton<IChangeListener, Events.WebhookChangeListener>();
        services.AddSingleton<IChangeListener, Operations.Metrics.ChangeMetricsListener>();
        services.AddSingleton<ManifestService>();
        services.AddSingleton<TagService>();
        services.AddSingleton<BlobLinkService>();
        services.AddSingleton<ProtectionRuleService>();
        services.AddSingleton<Core.Usage.QuotaService>();
        services.AddSingleton<Core.Events.WebhookService>();
        services.AddSingleton<Core.Access.IAccountSecrets, Auth.AccountSecrets>();
        services.AddSingleton<Core.Access.AccessAdministration>();
        services.AddSingleton<Core.Artifacts.ArtifactService>();
        services.AddSingleton<Core.Artifacts.ArtifactRepositoryService>();
        return services;
    }
}
