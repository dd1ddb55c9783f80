using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>A tag removed; the manifest it pointed at stays until it is deleted or collected.</summary>
public sealed record TagDeleted(Actor Actor, DateTimeOffset At, RepositoryName Repository, TagName Tag)
    : RepositoryChange(Actor, At, Repository);
