namespace Registry.Core.Retention;

/// <summary>One repository's tags and manifests, read together, for the planner.</summary>
public sealed record RetentionSnapshot(IReadOnlyList<SnapshotTag> Tags, IReadOnlyList<SnapshotManifest> Manifests);
