using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>A change to the content or tags of <see cref="Repository"/>; the ones webhooks announce.</summary>
public abstract record RepositoryChange(Actor Actor, DateTimeOffset At, RepositoryName Repository) : ChangeRecord(Actor, At)
{
    public override string Subject => Repository.Value;
}
