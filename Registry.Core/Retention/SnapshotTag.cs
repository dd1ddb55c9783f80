using Registry.Core.Primitives;

namespace Registry.Core.Retention;

/// <summary>A tag as retention sees it: the manifest it points at, when it was pushed, and when that manifest was last pulled in the repository.</summary>
public sealed record SnapshotTag(string Name, Digest Digest, DateTimeOffset PushedAt, DateTimeOffset? PulledAt);
