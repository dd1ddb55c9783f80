using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>A tag pointed back at a manifest from its history (<see cref="OldDigest"/>: where it pointed before, null when deleted).</summary>
public sealed record TagRestored(Actor Actor, DateTimeOffset At, RepositoryName Repository, TagName Tag, string? OldDigest, Digest NewDigest)
    : RepositoryChange(Actor, At, Repository);
