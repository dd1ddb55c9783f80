using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>
/// A tag created (<see cref="OldDigest"/> null) or moved to another manifest by the push or copy that stored
/// <see cref="NewDigest"/> under it (not written when the tag already pointed there).
/// </summary>
public sealed record TagPointed(Actor Actor, DateTimeOffset At, RepositoryName Repository, TagName Tag, string? OldDigest, Digest NewDigest)
    : RepositoryChange(Actor, At, Repository);
