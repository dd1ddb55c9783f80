using Registry.Core.Changes;
using Registry.Core.Content;
using Registry.Core.Gc;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;
using Registry.Core.Transfer;

namespace Registry.Core.Replication;

/// <summary>
/// Runs a pull rule: lists the source's repositories (its catalog, or the rule's repository patterns without
/// wildcards as they are, so a registry that refuses its catalog can still be pulled from by name) and their tags,
/// takes those the rule's filter selects (<see cref="TransferFilter.TakesRepository"/>, <see cref="TransferFilter.TakesTag"/>),
/// and copies each tag under its mapped name: the manifest byte for byte under the digest of those bytes (checked
/// here), an index with every platform manifest, the referrers the source lists for each, and the blobs this
/// registry lacks, streamed into the blob store and hashed on the way (a mismatch stores nothing). Blobs the local
/// repository has are not fetched; blobs another local repository stored are linked. Everything is written through
/// <see cref="BlobLinkService"/> and <see cref="ManifestService"/> as the rule's actor (<c>replication:NAME</c>, whoever
/// started the run; the run's record names who did), as a push would be, so tag
/// protection, quotas, history, audit and webhooks apply. Untagged manifests cannot be listed on a remote registry,
/// so <see cref="TransferFilter.IncludeUntagged"/> does not apply (<see cref="ReplicationService"/> refuses it).
/// </summary>
public sealed partial class ReplicationPullRunner(
    IMetadataStore metadata, IBlobStore blobs, IBlobWritePins pins, BlobLinkService links, ManifestService manifests, TagService tags,
    IReplicationStore runs, IReplicationSources sources, TimeProvider time)
{
    /// <summary>Runs <paramref name="rule"/> (a pull rule) and returns its record, not yet stored (<see cref="ReplicationRunner"/> records it).</summary>
    public async ValueTask<ReplicationRun> RunAsync(Actor actor, ReplicationRule rule, string trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(rule);
        DateTimeOffset started = time.GetUtcNow();
        var run = new PullProgress();
        IReplicationSource source = sources.Open(rule);

        // Whoever started the run, the changes here are the rule's (as an on-push run's are): replication:NAME.
        Actor writer = Actor.System(rule.ActorName);
        string? problem = null;
        bool unreachable = false;
        try
        {
            (IReadOnlyList<string> names, problem) = await RepositoriesAsync(rule.Filter, source, ct).ConfigureAwait(false);
            var listed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (string name in names)
            {
                listed[name] = await PullRepositoryAsync(writer, rule, source, name, run, ct).ConfigureAwait(false);
            }

            if (rule.PropagateDeletes)
            {
                await PropagateDeletesAsync(writer, rule, listed, catalogRead: problem is null, run, ct).ConfigureAwait(false);
            }
        }
        catch (ReplicationTargetException e)
        {
            problem = $"the other registry could not be reached: {e.Message}";
            unreachable = true;
        }

        return new ReplicationRun(0, rule.Name, trigger, actor.Name, started, time.GetUtcNow(),
            problem is null && run.Failed == 0 ? ReplicationRun.Succeeded : ReplicationRun.FailedStatus,
            run.Copied, run.Skipped, run.Failed, run.BlobsSent, run.BlobsMounted, run.BlobsSkipped, run.Bytes, source.Requests, problem, run.Items)
        {
            Unreachable = unreachable,
        };
    }

    /// <summary>
    /// The source repositories the filter takes, in order: from the catalog when a pattern has wildcards, else the
    /// patterns themselves. When the catalog is refused, the patterns without wildcards, with the problem.
    /// </summary>
    private static async ValueTask<(IReadOnlyList<string> Names, string? Problem)> RepositoriesAsync(TransferFilter filter, IReplicationSource source, CancellationToken ct)
    {
        List<string> literal = [.. filter.Repositories.Where(g => g.IsLiteral).Select(g => g.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (filter.Repositories.All(g => g.IsLiteral))
        {
            return (literal, null);
        }

        IReadOnlyList<string>? catalog = await source.ListRepositoriesAsync(ct).ConfigureAwait(false);
        if (catalog is null)
        {
            string patterns = string.Join(", ", filter.Repositories.Where(g => !g.IsLiteral));
            return (literal, $"the other registry refuses to list its repositories (/v2/_catalog), so the patterns {patterns} selected nothing; check the rule's credentials, or name repositories without wildcards"
                + (literal.Count == 0 ? string.Empty : $" ({literal.Count} named were pulled)"));
        }

        return ([.. catalog.Where(filter.TakesRepository).Union(literal, StringComparer.Ordinal).Order(StringComparer.Ordinal)], null);
    }

    /// <summary>Pulls the selected tags of one source repository; returns every tag the source lists there (none when it does not have it).</summary>
    private async ValueTask<IReadOnlyList<string>> PullRepositoryAsync(Actor actor, ReplicationRule rule, IReplicationSource source, string name, PullProgress run, CancellationToken ct)
    {
        if (!RepositoryName.TryParse(name, out RepositoryName? remote))
        {
            return [];
        }

        IReadOnlyList<string> listed = await source.ListTagsAsync(remote, ct).ConfigureAwait(false) ?? [];
        List<string> selected = [.. listed.Where(rule.Filter.TakesTag).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (selected.Count == 0)
        {
            return listed;
        }

        RepositoryName? local = rule.Mapping.Map(remote);
        foreach (string text in selected)
        {
            if (local is null)
            {
                run.Add(new ReplicationItem(name, text, string.Empty, string.Empty, ReplicationOutcome.Failed, "the mapped local name is not a valid repository name"));
            }
            else if (!TagName.TryParse(text, out TagName? tag))
            {
                run.Add(new ReplicationItem(name, text, local.Value, string.Empty, ReplicationOutcome.Failed, "not a valid tag here"));
            }
            else
            {
                run.Add(await PullTagAsync(actor, rule, source, remote, local, tag, run, ct).ConfigureAwait(false));
            }
        }

        return listed;
    }

    private async ValueTask<ReplicationItem> PullTagAsync(
        Actor actor, ReplicationRule rule, IReplicationSource source, RepositoryName remote, RepositoryName local, TagName tag, PullProgress run, CancellationToken ct)
    {
        string digestText = string.Empty;
        ReplicationItem Item(ReplicationOutcome outcome, string? reason) => new(remote.Value, tag.Value, local.Value, digestText, outcome, reason);

        SourceManifest fetched = await source.GetManifestAsync(remote, tag.Value, ct).ConfigureAwait(false);
        (Digest? verified, string? bad) = Verify(fetched, null);
        if (verified is not { } digest)
        {
            return Item(ReplicationOutcome.Failed, bad);
        }

        digestText = digest.Value;
        ManifestRecord? current = await metadata.ResolveTagAsync(local, tag, ct).ConfigureAwait(false);
        if (current is not null && current.Digest != digest && !rule.Overwrite)
        {
            return Item(ReplicationOutcome.Skipped, $"the local tag points to {current.Digest.Value}; the rule does not overwrite");
        }

        var visited = new HashSet<string>(StringComparer.Ordinal);
        (ParsedManifest? parsed, string? failure) = await EnsureManifestAsync(actor, source, remote, local, digest, fetched, run, visited, ct).ConfigureAwait(false);
        if (parsed is null)
        {
            return Item(ReplicationOutcome.Failed, failure);
        }

        if (current is not null && current.Digest == digest)
        {
            return Item(ReplicationOutcome.Skipped, "up to date");
        }

        var write = ManifestWrite.From(digest, fetched.Content!.Length, parsed);
        PutManifestResult stored = await manifests.PutAsync(actor, local, write, parsed, tag, null, ct).ConfigureAwait(false);
        return stored.Status switch
        {
            PutManifestStatus.Stored => Item(ReplicationOutcome.Copied, current is null ? null : "overwritten"),
            PutManifestStatus.TagProtected => Item(ReplicationOutcome.Protected, ProtectedHere(stored.Violation)),
            _ => Item(ReplicationOutcome.Failed, Refusal(stored)),
        };
    }

    /// <summary>The digest of the fetched bytes when they are what was asked for (<paramref name="expected"/>, or the digest the source named); else why not.</summary>
    private static (Digest? Digest, string? Problem) Verify(SourceManifest fetched, Digest? expected)
    {
        if (fetched.Content is not { } content)
        {
            return (null, fetched.Problem ?? "the source answered no manifest");
        }

        Digest? named = expected ?? fetched.NamedDigest;
        Digest actual = Digest.Compute(named?.Algorithm ?? DigestAlgorithm.Sha256, content);
        return named is { } wanted && wanted != actual
            ? (null, $"the source's manifest bytes hash to {actual.Value}, not {wanted.Value}; nothing was stored")
            : (actual, null);
    }

    /// <summary>The reason of a tag this registry's protection rules keep as it is.</summary>
    private static string ProtectedHere(TagProtectionViolation? violation) => $"this registry protects the tag: {violation?.Message ?? "a protection rule covers it"}";

    private static string Refusal(PutManifestResult result) => result.Status switch
    {
        PutManifestStatus.QuotaExceeded => "refused here: over the namespace quota",
        PutManifestStatus.SizeMismatch => $"refused here: {result.Offending?.Digest.Value} does not have the size its descriptor says",
        _ => $"refused here: {result.Status} {result.Offending?.Digest.Value}",
    };
}
