using Registry.Core.Replication;

namespace Registry.Api.Management.Models;

/// <summary>A replication rule as the API shows it: never its password, only whether it has one.</summary>
internal sealed record ReplicationRuleModel(
    string Name,
    string Direction,
    ReplicationRegistryModel Registry,
    ReplicationFilterRequest Filter,
    ReplicationMappingRequest Mapping,
    ReplicationTriggersRequest Triggers,
    bool Overwrite,
    bool PropagateDeletes,
    bool Enabled,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ReplicationRuleModel From(ReplicationRule r) => new(
        r.Name,
        r.Direction == ReplicationDirection.Push ? "push" : "pull",
        new ReplicationRegistryModel(r.Peer.Url.AbsoluteUri, r.Peer.Username, r.Peer.HasPassword),
        new ReplicationFilterRequest(
            [.. r.Filter.Repositories.Select(g => g.Text)], [.. r.Filter.Tags.Select(t => t.Text)], r.Filter.Versions?.Text, r.Filter.IncludeUntagged,
            [.. r.Filter.ArtifactRepositories.Select(g => g.Text)], [.. r.Filter.ArtifactPaths.Select(g => g.Text)]),
        new ReplicationMappingRequest(r.Mapping.Mode.ToString().ToLowerInvariant(), r.Mapping.From, r.Mapping.To),
        new ReplicationTriggersRequest(r.Triggers.OnPush, r.Triggers.Cron, r.Triggers.Manual),
        r.Overwrite,
        r.PropagateDeletes,
        r.Enabled,
        r.CreatedBy,
        r.CreatedAt,
        r.UpdatedAt);
}

/// <summary>The other registry as shown: URL, username, and whether a password is stored.</summary>
internal sealed record ReplicationRegistryModel(string Url, string? Username, bool HasPassword);
