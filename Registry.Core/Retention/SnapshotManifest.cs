using Registry.Core.Primitives;

namespace Registry.Core.Retention;

/// <summary>
/// A manifest as retention sees it: its size, when it was pushed, its subject (when it is a referrer) and the
/// manifests it lists (when it is an index).
/// </summary>
public sealed record SnapshotManifest(Digest Digest, string MediaType, long Size, Digest? Subject, DateTimeOffset CreatedAt, IReadOnlyList<Digest> Children);
