using Registry.Core.Changes;

namespace Registry.Api.Operations.Metrics;

/// <summary>
/// Counts the changes on the change feed (<c>registry_changes_total</c>) by kind of change and kind of actor, so a
/// dashboard shows pushes, tag moves and deletes whether a client, an admin or a retention policy made them.
/// </summary>
internal sealed class ChangeMetricsListener(RegistryMetrics metrics) : IChangeListener
{
    public ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        foreach (ChangeRecord change in changes)
        {
            metrics.ChangeMade(Kind(change), Actor(change.Actor.Kind));
            if (change is GcPassCompleted gc)
            {
                metrics.GcPassCompleted(gc.Run.BlobsDeleted, gc.Run.BytesFreed, gc.Run.Errors);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static string Kind(ChangeRecord change) => change switch
    {
        ManifestPushed => "manifest_pushed",
        ManifestDeleted => "manifest_deleted",
        TagPointed => "tag_pointed",
        TagFloated => "tag_floated",
        TagRestored => "tag_restored",
        TagDeleted => "tag_deleted",
        BlobLinked => "blob_linked",
        BlobMounted => "blob_mounted",
        BlobDeleted => "blob_deleted",
        RepositoryDeleted => "repository_deleted",
        RepositorySettingsChanged => "settings_changed",
        ProtectionRuleChanged => "protection_rule_changed",
        QuotaChanged => "quota_changed",
        WebhookChanged => "webhook_changed",
        WebhookRedelivered => "webhook_redelivered",
        UserChanged => "user_changed",
        RoleChanged => "role_changed",
        PublicScopeChanged => "public_scope_changed",
        CiTokenChanged => "ci_token_changed",
        ArtifactDeployed => "artifact_deployed",
        ArtifactDeleted => "artifact_deleted",
        ArtifactPropertiesChanged => "artifact_properties_changed",
        ArtifactRepositoryChanged => "artifact_repository_changed",
        ArtifactRetentionChanged => "artifact_retention_changed",
        GcPassCompleted => "gc_pass_completed",
        ExportCompleted => "export_completed",
        ReplicationRuleChanged => "replication_rule_changed",
        ReplicationRunCompleted => "replication_run_completed",
        RetentionRunCompleted => "retention_run_completed",
        RetentionPolicyChanged => "retention_policy_changed",
        SigningKeyRotated => "signing_key_rotated",
        Core.Preheat.PreheatEdgeChanged => "preheat_edge_changed",
        Core.Preheat.PreheatRuleChanged => "preheat_rule_changed",
        Core.Preheat.PreheatRan => "preheat_ran",
        _ => "other",
    };

    private static string Actor(ActorKind kind) => kind switch
    {
        ActorKind.User => "user",
        ActorKind.CiToken => "ci_token",
        ActorKind.System => "system",
        _ => "anonymous",
    };
}
