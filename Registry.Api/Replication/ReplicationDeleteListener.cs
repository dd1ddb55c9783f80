using Registry.Core.Changes;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>
/// Hands every deletion on this node (once committed) to the <see cref="ReplicationDeleteWorker"/>, which runs the
/// on-push rules that propagate deletes: a deleted tag as itself; a manifest deleted by digest (its tags went with it,
/// unnamed) or a deleted repository as <see cref="ReplicationRunner.EveryTag"/>, so the run compares every selected
/// destination tag of that repository with the source.
/// </summary>
internal sealed class ReplicationDeleteListener(ReplicationDeleteQueue queue) : IChangeListener
{
    public ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        foreach (ChangeRecord change in changes)
        {
            switch (change)
            {
                case TagDeleted deleted:
                    queue.Writer.TryWrite((deleted.Repository.Value, deleted.Tag.Value));
                    break;
                case ManifestDeleted or RepositoryDeleted:
                    queue.Writer.TryWrite((((RepositoryChange)change).Repository.Value, ReplicationRunner.EveryTag));
                    break;
            }
        }

        return ValueTask.CompletedTask;
    }
}
