using Registry.Core.Primitives;
using Registry.Core.Transfer;

namespace Registry.Core.Replication;

/// <summary>
/// Deletions of a push rule that propagates them (<see cref="ReplicationRule.PropagateDeletes"/>): after the copies,
/// for each source repository in scope, the mapped destination's tags (all pages) that the filter selects and the
/// source no longer has are deleted there (<see cref="ReplicationDeletes.TagsToDelete"/>). A destination that deletes
/// only by digest (CNCF Distribution) has the manifest deleted instead, unless a destination tag that stays points at
/// it or the run still replicates it (a child or referrer of something kept). A tag the destination protects is
/// reported <see cref="ReplicationOutcome.Protected"/>.
/// <para>In scope: for a run of the whole rule, every source repository the plan selected and every repository the
/// rule's last <see cref="RememberedRuns"/> runs carried (so a repository emptied or deleted at the source is still
/// seen); for an on-push run, the repositories of its tags, only those tags, or every tag for
/// <see cref="EveryTag"/> (a manifest or a repository deleted at the source).</para>
/// </summary>
public sealed partial class ReplicationRunner
{
    /// <summary>As the tag of an on-push pair: every tag of the repository (a manifest or the repository was deleted at the source).</summary>
    public const string EveryTag = "*";

    /// <summary>How many of the rule's latest runs name the repositories a run of the whole rule reconciles besides the source's.</summary>
    public const int RememberedRuns = 20;

    private async ValueTask PropagateDeletesAsync(
        ReplicationRule rule, ExportPlan plan, IReadOnlySet<(string Repository, string Tag)>? only, IReplicationTarget target, Progress run, CancellationToken ct)
    {
        var sources = plan.Repositories.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach ((string name, HashSet<string>? tags) in await DeleteScopeAsync(rule, plan, only, ct).ConfigureAwait(false))
        {
            if (!RepositoryName.TryParse(name, out RepositoryName? source) || rule.Mapping.Map(source) is not { } destination)
            {
                continue;
            }

            ExportedRepository? kept = sources.GetValueOrDefault(name);
            IReadOnlyList<string> destinationTags = await target.ListTagsAsync(destination, ct).ConfigureAwait(false);
            IReadOnlyList<string> doomed = ReplicationDeletes.TagsToDelete(
                kept?.Tags.Select(t => t.Tag) ?? [], tags is null ? destinationTags : destinationTags.Where(tags.Contains), rule.Filter);
            if (doomed.Count > 0)
            {
                await DeleteTagsAsync(name, destination, kept, doomed, destinationTags, target, run, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Source repository names in scope, in ordinal order, each with the tags to consider (null: every tag).</summary>
    private async ValueTask<SortedDictionary<string, HashSet<string>?>> DeleteScopeAsync(
        ReplicationRule rule, ExportPlan plan, IReadOnlySet<(string Repository, string Tag)>? only, CancellationToken ct)
    {
        var scope = new SortedDictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        if (only is not null)
        {
            foreach ((string repository, string tag) in only)
            {
                if (!rule.Filter.TakesRepository(repository))
                {
                    continue;
                }

                if (tag == EveryTag)
                {
                    scope[repository] = null;
                }
                else if (!scope.TryGetValue(repository, out HashSet<string>? tags))
                {
                    scope[repository] = new HashSet<string>(StringComparer.Ordinal) { tag };
                }
                else
                {
                    tags?.Add(tag);
                }
            }

            return scope;
        }

        foreach (ExportedRepository repository in plan.Repositories)
        {
            scope[repository.Name] = null;
        }

        IReadOnlyList<ReplicationRun> earlier = await store.ListReplicationRunsAsync(rule.Name, RememberedRuns, ct).ConfigureAwait(false);
        foreach (string repository in ReplicationDeletes.RememberedRepositories(earlier, rule.Filter))
        {
            scope[repository] = null;
        }

        return scope;
    }

    private static async ValueTask DeleteTagsAsync(
        string repository, RepositoryName destination, ExportedRepository? kept, IReadOnlyList<string> doomed, IReadOnlyList<string> destinationTags,
        IReplicationTarget target, Progress run, CancellationToken ct)
    {
        var digests = new Dictionary<string, Digest>(StringComparer.Ordinal);
        foreach (string tag in doomed)
        {
            if (await target.ManifestDigestAsync(destination, tag, ct).ConfigureAwait(false) is { } digest)
            {
                digests[tag] = digest;
            }
        }

        Dictionary<string, string>? staying = null;
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string tag, Digest digest) in digests)
        {
            if (done.Contains(tag))
            {
                continue;
            }

            ReplicationItem Item(string name, ReplicationOutcome outcome, string? reason) => new(repository, name, destination.Value, digest.Value, outcome, reason);

            TargetAnswer answer = await target.DeleteTagAsync(destination, tag, ct).ConfigureAwait(false);
            if (answer.Kind != TargetAnswerKind.Unsupported)
            {
                if (answer.Kind != TargetAnswerKind.Absent)
                {
                    run.Add(Item(tag, Outcome(answer), answer.Kind == TargetAnswerKind.Done ? "gone at the source" : answer.Kind == TargetAnswerKind.Protected ? ProtectedReason(answer) : answer.Reason));
                }

                continue;
            }

            // The destination deletes only by digest, which takes every tag pointing there with it.
            staying ??= await StayingAsync(destination, destinationTags, digests, target, ct).ConfigureAwait(false);
            string? blocker = ReplicationDeletes.KeptBy(digest.Value, staying);
            if (blocker is not null || kept?.Manifests.Any(m => m.Digest == digest.Value) == true)
            {
                string why = blocker is not null ? $"its tag {blocker} stays there" : "this rule still replicates it (a child or referrer of a tag it keeps)";
                run.Add(Item(tag, ReplicationOutcome.Skipped, $"the destination deletes tags only with their manifest ({answer.Reason}), and {why}"));
                done.Add(tag);
                continue;
            }

            TargetAnswer byDigest = await target.DeleteManifestAsync(destination, digest, ct).ConfigureAwait(false);
            foreach (string gone in digests.Where(d => d.Value == digest).Select(d => d.Key).ToList())
            {
                done.Add(gone);
                run.Add(Item(gone, Outcome(byDigest), byDigest.Kind switch
                {
                    TargetAnswerKind.Done or TargetAnswerKind.Absent => $"gone at the source; deleted with its manifest {digest.Value} (the destination deletes tags only by digest)",
                    TargetAnswerKind.Protected => ProtectedReason(byDigest),
                    _ => byDigest.Reason,
                }));
            }
        }
    }

    /// <summary>The destination tags not being deleted, each with the digest it points at.</summary>
    private static async ValueTask<Dictionary<string, string>> StayingAsync(
        RepositoryName destination, IReadOnlyList<string> destinationTags, Dictionary<string, Digest> doomed, IReplicationTarget target, CancellationToken ct)
    {
        var staying = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string tag in destinationTags)
        {
            if (!doomed.ContainsKey(tag) && await target.ManifestDigestAsync(destination, tag, ct).ConfigureAwait(false) is { } digest)
            {
                staying[tag] = digest.Value;
            }
        }

        return staying;
    }

    private static ReplicationOutcome Outcome(TargetAnswer answer) => answer.Kind switch
    {
        TargetAnswerKind.Done or TargetAnswerKind.Absent => ReplicationOutcome.Deleted,
        TargetAnswerKind.Protected => ReplicationOutcome.Protected,
        _ => ReplicationOutcome.Failed,
    };

    private static string ProtectedReason(TargetAnswer answer) => $"the destination protects the tag: {answer.Reason}";
}
