namespace Registry.Core.Changes;

/// <summary>
/// One successful change to the registry, made by <see cref="Actor"/> at <see cref="At"/>: to a repository's content
/// (<see cref="RepositoryChange"/>) or to its administration (protection rules, quotas). The application services
/// produce these and only these; audit, webhooks, lineage and metrics read them from the <see cref="IChangeFeed"/>,
/// so a change announces itself the same way whoever made it.
/// </summary>
public abstract record ChangeRecord(Actor Actor, DateTimeOffset At)
{
    /// <summary>What the change is about, for logs: a repository, a scope, a namespace.</summary>
    public abstract string Subject { get; }
}
