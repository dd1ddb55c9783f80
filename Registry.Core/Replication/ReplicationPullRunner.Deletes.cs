using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Replication;

/// <summary>
/// Deletions of a pull rule that propagates them (<see cref="ReplicationRule.PropagateDeletes"/>): after the copies,
/// for each source repository in scope, the local tags of its mapped repository that the filter selects and the
/// source no longer lists are deleted here through <see cref="Tags.TagService"/> as the rule's actor, so tag
/// protection, history, audit and webhooks apply (<see cref="ReplicationDeletes.TagsToDelete"/>). A tag protected
/// here stays and is reported <see cref="ReplicationOutcome.Protected"/>; the manifests stay (garbage collection
/// decides about them, as after any tag delete).
/// <para>In scope: every source repository the run listed (one the source does not have lists no tags), and, when
/// the source's catalog could be read, every repository the rule's last <see cref="ReplicationRunner.RememberedRuns"/>
/// runs carried, so a repository deleted at the source is still seen. When the catalog is refused, only the
/// repositories named without wildcards are reconciled: nothing is deleted on the strength of a listing that failed.</para>
/// </summary>
public sealed partial class ReplicationPullRunner
{
    private async ValueTask PropagateDeletesAsync(
        Actor actor, ReplicationRule rule, Dictionary<string, IReadOnlyList<string>> listed, bool catalogRead, PullProgress run, CancellationToken ct)
    {
        var scope = new SortedDictionary<string, IReadOnlyList<string>>(listed, StringComparer.Ordinal);
        if (catalogRead)
        {
            IReadOnlyList<ReplicationRun> earlier = await runs.ListReplicationRunsAsync(rule.Name, ReplicationRunner.RememberedRuns, ct).ConfigureAwait(false);
            foreach (string repository in ReplicationDeletes.RememberedRepositories(earlier, rule.Filter))
            {
                scope.TryAdd(repository, []);
            }
        }

        foreach ((string name, IReadOnlyList<string> sourceTags) in scope)
        {
            if (!RepositoryName.TryParse(name, out RepositoryName? remote) || rule.Mapping.Map(remote) is not { } local)
            {
                continue;
            }

            IReadOnlyList<string> doomed = ReplicationDeletes.TagsToDelete(sourceTags, await LocalTagsAsync(local, ct).ConfigureAwait(false), rule.Filter);
            foreach (string text in doomed)
            {
                if (TagName.TryParse(text, out TagName? tag))
                {
                    await DeleteLocalTagAsync(actor, name, local, tag, run, ct).ConfigureAwait(false);
                }
            }
        }
    }

    private async ValueTask DeleteLocalTagAsync(Actor actor, string source, RepositoryName local, TagName tag, PullProgress run, CancellationToken ct)
    {
        ManifestRecord? current = await metadata.ResolveTagAsync(local, tag, ct).ConfigureAwait(false);
        if (current is null)
        {
            return;
        }

        ReplicationItem Item(ReplicationOutcome outcome, string reason) => new(source, tag.Value, local.Value, current.Digest.Value, outcome, reason);
        DeleteResult result = await tags.DeleteAsync(actor, local, tag, ct).ConfigureAwait(false);
        switch (result.Status)
        {
            case DeleteStatus.Deleted:
                run.Add(Item(ReplicationOutcome.Deleted, "gone at the source"));
                break;
            case DeleteStatus.Protected:
                run.Add(Item(ReplicationOutcome.Protected, ProtectedHere(result.Violation)));
                break;
            default:
                // Deleted here meanwhile by someone else: nothing left to do.
                break;
        }
    }

    private async ValueTask<IReadOnlyList<string>> LocalTagsAsync(RepositoryName repository, CancellationToken ct)
        => (await metadata.ListTagsAsync(repository, null, null, ct).ConfigureAwait(false)).Tags;
}
