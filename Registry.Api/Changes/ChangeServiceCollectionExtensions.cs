using Registry.Core.Changes;
using Registry.Core.Content;
using Registry.Core.Tags;

namespace Registry.Api.Changes;

internal static class ChangeServiceCollectionExtensions
{
    /// <summary>
    /// The application services every entry point changes content and tags through, and the change feed they
    /// record on. Recorders write in the change's transaction, in this order: audit, lineage, webhook events.
    /// Listeners hear of a committed change, in this order: the access cache, lineage's memory, the webhook list,
    /// the webhook sender, metrics.
    /// </summary>
    public static IServiceCollection AddChanges(this IServiceCollection services)
    {
        services.AddSingleton<IChangeFeed, ChangeFeed>();
        services.AddSingleton<Lineage.LineageChangeRecorder>();
        services.AddSingleton<Events.WebhookChangeRecorder>();
        services.AddSingleton<IChangeRecorder, Auth.AuditChangeRecorder>();
        services.AddSingleton<IChangeRecorder>(sp => sp.GetRequiredService<Lineage.LineageChangeRecorder>());
        services.AddSingleton<IChangeRecorder>(sp => sp.GetRequiredService<Events.WebhookChangeRecorder>());
        services.AddSingleton<IChangeListener, Auth.AccessDirectoryChangeListener>();
        services.AddSingleton<IChangeListener>(sp => sp.GetRequiredService<Lineage.LineageChangeRecorder>());
        services.AddSingleton<IChangeListener, Events.WebhookDirectoryChangeListener>();
        services.AddSingleton<IChangeListener>(sp => sp.GetRequiredService<Events.WebhookChangeRecorder>());
        services.AddSingleton<IChangeListener, Operations.Metrics.ChangeMetricsListener>();
        services.AddSingleton<ManifestService>();
        services.AddSingleton<TagService>();
        services.AddSingleton<BlobLinkService>();
        services.AddSingleton<RepositoryDeletion>();
        services.AddSingleton<UploadService>();
        services.AddSingleton<Core.Retention.RetentionPolicyService>();
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
