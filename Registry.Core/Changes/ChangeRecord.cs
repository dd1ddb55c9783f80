using Registry.Core.Primitives;

namespace Registry.Core.Changes;

/// <summary>
/// One successful change to the registry, made by <see cref="Actor"/> at <see cref="At"/> in <see cref="Repository"/>.
/// The application services produce these and only these; audit, webhooks and lineage read them from the
/// <see cref="IChangeFeed"/>, so a change announces itself the same way whoever made it.
/// </summary>
public abstract record ChangeRecord(Actor Actor, DateTimeOffset At, RepositoryName Repository);
