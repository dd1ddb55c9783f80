using System.Globalization;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Changes;
using Registry.Core.Gc;

namespace Registry.Api.Auth;

/// <summary>
/// Writes the audit entry of each change, whoever made it (a client, an admin in the console, a retention policy), in
/// the change's own transaction: the actor is <see cref="Actor.Name"/>, the address the request's when there was one.
/// The actions and their targets are listed in docs/auth.md.
/// </summary>
internal sealed class AuditChangeRecorder(IAccessStore store, TimeProvider time) : IChangeRecorder
{
    public async ValueTask RecordAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        List<AuditEntry>? entries = null;
        DateTimeOffset now = time.GetUtcNow();
        foreach (ChangeRecord change in changes)
        {
            if (change is GcPassCompleted gc)
            {
                if (gc.IsWorthAuditing)
                {
                    (entries ??= []).Add(new AuditEntry(0, now, change.Actor.Name, change.Actor.Request?.ClientAddress, "registry.gc", null, Describe(gc.Run), gc.Run.Errors == 0));
                }

                continue;
            }

            if (change is ExportCompleted export)
            {
                (entries ??= []).Add(new AuditEntry(0, now, change.Actor.Name, change.Actor.Request?.ClientAddress, "registry.export", null, Describe(export), export.Result.Succeeded));
                continue;
            }

            if (change is ReplicationRunCompleted replication)
            {
                (entries ??= []).Add(new AuditEntry(0, now, change.Actor.Name, change.Actor.Request?.ClientAddress, "replication.run", replication.Run.Rule,
                    $"{replication.Run.Trigger}: {replication.Run.Summary}", replication.Run.Status == Core.Replication.ReplicationRun.Succeeded));
                continue;
            }

            if (change is RetentionRunCompleted run)
            {
                string runAction = (run.Artifacts ? "artifact-retention." : "retention.") + (run.DryRun ? "dry-run" : "run");
                (entries ??= []).Add(new AuditEntry(0, now, change.Actor.Name, change.Actor.Request?.ClientAddress, runAction, run.Policy, run.Summary, run.Succeeded));
                continue;
            }

            if (change is Core.Preheat.PreheatRan preheat)
            {
                string ran = (preheat.Rule is null ? string.Empty : $"rule {preheat.Rule}; ") + string.Join("; ", preheat.Results.Select(r => r.Describe()));
                (entries ??= []).Add(new AuditEntry(0, now, change.Actor.Name, change.Actor.Request?.ClientAddress, "preheat.run", preheat.Subject, ran, preheat.Succeeded));
                continue;
            }

            if (Describe(change) is ({ } action, { } target, var detail))
            {
                (entries ??= []).Add(new AuditEntry(0, now, change.Actor.Name, change.Actor.Request?.ClientAddress, action, target, detail, true));
            }
        }

        if (entries is not null)
        {
            await store.AppendAuditAsync(entries, ct);
        }
    }

    private static (string? Action, string? Target, string? Detail) Describe(ChangeRecord change) => change switch
    {
        RepositoryChange content => Describe(content),
        ProtectionRuleChanged rule => (rule.Deleted ? "protection.delete" : "protection.create", rule.Rule.Scope.ToString(), rule.Rule.Describe()),
        QuotaChanged { Bytes: { } bytes } quota => ("quota.set", quota.Namespace, bytes.ToString(CultureInfo.InvariantCulture)),
        QuotaChanged quota => ("quota.remove", quota.Namespace, null),
        WebhookChanged webhook => (
            webhook.Kind switch { WebhookChangeKind.Created => "webhook.create", WebhookChangeKind.Updated => "webhook.update", _ => "webhook.delete" },
            webhook.Webhook.Name,
            webhook.Webhook.Describe() + (webhook.SecretChanged ? "; secret changed" : string.Empty)),
        WebhookRedelivered redelivered => ("webhook.redeliver", redelivered.Webhook.Name,
            string.Create(CultureInfo.InvariantCulture, $"delivery {redelivered.Original} again as {redelivered.Delivery} (event {redelivered.EventId})")),
        UserChanged user => (user.Change switch
        {
            UserChange.Created => "user.create",
            UserChange.Deleted => "user.delete",
            UserChange.Disabled => "user.disable",
            UserChange.Enabled => "user.enable",
            _ => "user.password",
        }, user.User, user.Reason),
        RoleChanged { Role: { } role } grant => ("role.grant", grant.User, $"{role.ToName()} on {grant.Scope}"),
        RoleChanged revoke => ("role.revoke", revoke.User, $"on {revoke.Scope}"),
        PublicScopeChanged scope => (scope.IsPublic ? "public.set" : "public.unset", scope.Scope.ToString(), null),
        CiTokenChanged { Revoked: true } revoked => ("token.revoke", revoked.Subject, revoked.Reason),
        CiTokenChanged created => ("token.create", created.Subject,
            $"{string.Join(',', CiTokenRules.NamesOf(created.Token.Actions))} on {string.Join(',', created.Token.Namespaces)} until {created.Token.ExpiresAt:O}"),
        ArtifactDeployed deployed => ("artifact.deploy", deployed.Subject,
            string.Create(CultureInfo.InvariantCulture, $"{deployed.Digest.Value} {deployed.Size} bytes{(deployed.ByChecksum ? " by checksum" : string.Empty)}")),
        ArtifactDeleted deleted => ("artifact.delete", deleted.Subject, ArtifactDeletion.Describe(deleted.Files, deleted.BlobsUnreferenced, deleted.BytesUnreferenced)),
        ArtifactPropertiesChanged properties => (properties.Removed ? "artifact.properties.delete" : "artifact.properties.set", properties.Subject, properties.Properties),
        ArtifactRepositoryChanged repository => Describe(repository),
        ReplicationRuleChanged rule => (
            rule.Kind switch { ReplicationRuleChange.Created => "replication.create", ReplicationRuleChange.Updated => "replication.update", _ => "replication.delete" },
            rule.Rule.Name,
            rule.Rule.Describe() + (rule.PasswordChanged && rule.Kind == ReplicationRuleChange.Updated ? "; password changed" : string.Empty)),
        SigningKeyRotated rotated => ("key.rotate", rotated.KeyId, null),
        Core.Preheat.PreheatEdgeChanged edge => (
            edge.Change switch { Core.Preheat.PreheatEdgeChange.Created => "preheat.edge.create", Core.Preheat.PreheatEdgeChange.Updated => "preheat.edge.update", _ => "preheat.edge.delete" },
            edge.Name,
            $"url={edge.Url} remoteKey={edge.RemoteKey}"),
        Core.Preheat.PreheatRuleChanged rule => (rule.Deleted ? "preheat.rule.delete" : "preheat.rule.create", rule.Rule.Name,
            $"repository={rule.Rule.Repository} tag={rule.Rule.TagPattern} edges={(rule.Rule.Edges.Count == 0 ? "*" : string.Join(',', rule.Rule.Edges))}"),
        RetentionPolicyChanged policy => (
            policy.Kind switch { RetentionPolicyChange.Created => "retention.policy.create", RetentionPolicyChange.Updated => "retention.policy.update", _ => "retention.policy.delete" },
            policy.Policy.Name,
            policy.Policy.Describe()),
        ArtifactRetentionChanged { Removed: true } removed => ("artifact-retention.remove", removed.Repository, null),
        ArtifactRetentionChanged set => ("artifact-retention.set", set.Repository,
            set.Schedule is null ? set.Rules : $"{set.Rules}; schedule {set.Schedule}{(set.Enabled ? string.Empty : " (disabled)")}"),
        _ => (null, null, null),
    };

    private static string Describe(ExportCompleted export) => export.Result.Problem ?? string.Create(CultureInfo.InvariantCulture,
        $"{export.Filter}: {export.Result.Repositories} repositories, {export.Result.Tags} tags, {export.Result.Manifests} manifests, {export.Result.Files} files, {export.Result.Blobs} blobs, {export.Result.Bytes} bytes");

    private static string Describe(GcRun run)
        => string.Create(CultureInfo.InvariantCulture, $"removed {run.BlobsDeleted} blobs, {run.BytesFreed} bytes, {run.Errors} errors");

    private static (string? Action, string? Target, string? Detail) Describe(ArtifactRepositoryChanged change) => change.Change switch
    {
        ArtifactRepositoryChange.Created => ("artifact-repository.create", change.Repository,
            $"type={RepositoryNames.Of(change.Type)}{Settings(change, showRedeploy: true)}"),
        ArtifactRepositoryChange.Updated => ("artifact-repository.update", change.Repository, Settings(change, showRedeploy: true).TrimStart()),
        _ => ("artifact-repository.delete", change.Repository,
            ArtifactDeletion.Describe(change.Files, change.BlobsUnreferenced, change.BytesUnreferenced) + Settings(change, showRedeploy: false)),
    };

    /// <summary>
    /// A local's redeploy flag (as before remotes existed), a remote's class and upstream URL (its credentials are
    /// not in the change), a virtual's class and members; each part starts with a space.
    /// </summary>
    private static string Settings(ArtifactRepositoryChanged change, bool showRedeploy) => change.Class switch
    {
        RepositoryClass.Remote => $" class=remote url={change.Url}",
        RepositoryClass.Virtual => $" class=virtual repositories={string.Join(',', change.Members ?? [])}",
        _ => showRedeploy ? $" allowRedeploy={(change.AllowRedeploy ? "True" : "False")}" : string.Empty,
    };

    private static (string? Action, string? Target, string? Detail) Describe(RepositoryChange change)
    {
        string repository = change.Repository.Value;
        return change switch
        {
            ManifestPushed { CopiedFrom: { } from, Tag: { } tag } copy => (
                from.Repository.Equals(copy.Repository) ? "tag.copy" : "tag.promote",
                $"{repository}:{tag.Value}",
                $"from {from.Repository.Value}:{from.Tag.Value} ({copy.Digest.Value})"),
            ManifestPushed { Tag: { } tag } push => ("manifest.push", $"{repository}:{tag.Value}", push.Digest.Value),
            ManifestPushed push => ("manifest.push", $"{repository}@{push.Digest.Value}", push.Digest.Value),
            TagPointed pointed => (
                pointed.OldDigest is null ? "tag.create" : "tag.move",
                $"{repository}:{pointed.Tag.Value}",
                pointed.OldDigest is null ? pointed.NewDigest.Value : $"{pointed.OldDigest} -> {pointed.NewDigest.Value}"),
            TagFloated floated => (
                "tag.float",
                $"{repository}:{floated.Tag}",
                (floated.OldDigest is null ? floated.NewDigest.Value : $"{floated.OldDigest} -> {floated.NewDigest.Value}") + $" (following {floated.Following?.Value})"),
            TagRestored restored => (
                "tag.restore",
                $"{repository}:{restored.Tag.Value}",
                restored.OldDigest is null ? restored.NewDigest.Value : $"{restored.OldDigest} -> {restored.NewDigest.Value}"),
            RepositorySettingsChanged changed => (
                "settings.update",
                repository,
                $"floatingTags={(changed.Settings.FloatingTags ? "true" : "false")}, floatLatest={(changed.Settings.FloatLatest ? "true" : "false")}"),
            TagDeleted deleted => ("tag.delete", $"{repository}:{deleted.Tag.Value}", null),
            ManifestDeleted deleted => ("manifest.delete", $"{repository}@{deleted.Digest.Value}", null),
            BlobDeleted deleted => ("blob.delete", $"{repository}@{deleted.Digest.Value}", null),
            RepositoryDeleted deleted => ("repository.delete", repository,
                string.Create(CultureInfo.InvariantCulture, $"{deleted.Tags} tags, {deleted.Manifests} manifests, {deleted.Blobs} blob links")),
            _ => (null, null, null),
        };
    }
}
