namespace Registry.Api.Management.Models;

/// <summary>
/// The body of <c>POST /api/v1/replication/rules</c> and <c>PATCH /api/v1/replication/rules/{name}</c> (see
/// docs/replication.md). On PATCH an omitted field keeps its value and a given filter, mapping or triggers object
/// replaces the current one.
/// </summary>
internal sealed record ReplicationRuleRequest(
    string? Name,
    string? Direction,
    ReplicationRegistryRequest? Registry,
    ReplicationFilterRequest? Filter,
    ReplicationMappingRequest? Mapping,
    ReplicationTriggersRequest? Triggers,
    bool? Overwrite,
    bool? PropagateDeletes,
    bool? Enabled);

/// <summary>The other registry: its base URL and the credentials to present there (the password is write-only).</summary>
internal sealed record ReplicationRegistryRequest(string? Url, string? Username, string? Password);

/// <summary>
/// As <see cref="ExportRequest"/>: repository globs, tag globs or <c>regex:</c>, a semver range, untagged manifests;
/// and the artifact repository keys (globs) and file paths (globs) whose files go too.
/// </summary>
internal sealed record ReplicationFilterRequest(
    IReadOnlyList<string>? Repositories, IReadOnlyList<string>? Tags, string? Versions, bool IncludeUntagged,
    IReadOnlyList<string>? ArtifactRepositories = null, IReadOnlyList<string>? ArtifactPaths = null);

/// <summary><c>none</c>, <c>prefix</c> (from replaced by to) or <c>flatten</c> (last path component, under to).</summary>
internal sealed record ReplicationMappingRequest(string? Mode, string? From, string? To);

/// <summary>On push (push rules), a Quartz cron schedule in UTC, by hand (default true).</summary>
internal sealed record ReplicationTriggersRequest(bool OnPush, string? Cron, bool? Manual);
