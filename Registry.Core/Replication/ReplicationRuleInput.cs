namespace Registry.Core.Replication;

/// <summary>
/// What a caller asks a rule to be, as parsed at the edge. On create a null field takes its default; on update a null
/// field keeps its current value, and a given <see cref="Filter"/>, <see cref="Mapping"/> or <see cref="Triggers"/>
/// replaces the current one whole. An empty <see cref="Username"/> removes the credentials; an empty
/// <see cref="Password"/> removes the password.
/// </summary>
public sealed record ReplicationRuleInput
{
    public string? Name { get; init; }

    /// <summary><c>push</c> (the default) or <c>pull</c>.</summary>
    public string? Direction { get; init; }

    /// <summary>The other registry's absolute http(s) base URL, without user info, path, query or fragment.</summary>
    public string? Url { get; init; }

    public string? Username { get; init; }

    /// <summary>In clear text; encrypted before it is stored and never returned.</summary>
    public string? Password { get; init; }

    public ReplicationFilterInput? Filter { get; init; }

    public NamespaceMappingInput? Mapping { get; init; }

    public ReplicationTriggersInput? Triggers { get; init; }

    public bool? Overwrite { get; init; }

    public bool? PropagateDeletes { get; init; }

    public bool? Enabled { get; init; }
}

/// <summary>The parts of a <see cref="Transfer.TransferFilter"/>; null lists mean "every".</summary>
public sealed record ReplicationFilterInput(
    IReadOnlyList<string>? Repositories, IReadOnlyList<string>? Tags, string? Versions, bool IncludeUntagged,
    IReadOnlyList<string>? ArtifactRepositories = null, IReadOnlyList<string>? ArtifactPaths = null);

/// <summary><c>none</c> (the default), <c>prefix</c> or <c>flatten</c>, with the namespaces of <see cref="NamespaceMapping"/>.</summary>
public sealed record NamespaceMappingInput(string? Mode, string? From, string? To);

/// <summary>The triggers of a rule; <see cref="Manual"/> defaults to true.</summary>
public sealed record ReplicationTriggersInput(bool OnPush, string? Cron, bool? Manual);
