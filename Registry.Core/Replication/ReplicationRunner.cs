using Registry.Core.Changes;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Transfer;

namespace Registry.Core.Replication;

/// <summary>
/// Runs a push rule: selects with the rule's filter as an export does (<see cref="ExportService.PlanAsync"/>: tags,
/// their index children, referrers, untagged manifests when asked), then per repository sends each manifest the
/// destination lacks, children and subjects first: its blobs (skipped when the destination has them, mounted when this
/// run put them in another destination repository, else uploaded streaming from the blob store), then the manifest
/// bytes unchanged under their digest; finally moves each tag, unless the destination tag points elsewhere and the
/// rule does not overwrite (a tag the destination protects is reported, never moved); then, when the rule propagates
/// deletes, deletes there what the source no longer has (ReplicationRunner.Deletes.cs). A pull rule is run by
/// <see cref="ReplicationPullRunner"/>. Records the run either way and announces it (<see cref="ReplicationRunCompleted"/>).
/// </summary>
public sealed partial class ReplicationRunner(
    ExportService selection, IBlobStore blobs, IReplicationTargets targets, IReplicationStore store, IReplicationUploadStore uploads, IChangeFeed feed,
    TimeProvider time, ReplicationPullRunner pull)
{
    /// <summary>
    /// Runs <paramref name="rule"/>; when <paramref name="only"/> is given, only for those repository:tag pairs (an
    /// on-push run). <paramref name="reason"/> is recorded with the run (<see cref="ReplicationRun.Reason"/>).
    /// </summary>
    public async ValueTask<ReplicationRun> RunAsync(
        Actor actor, ReplicationRule rule, string trigger, IReadOnlySet<(string Repository, string Tag)>? only, CancellationToken ct, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(rule);
        DateTimeOffset started = time.GetUtcNow();
        var run = new Progress();
        string? problem = null;
        bool unreachable = false;
        IReplicationTarget? target = null;
        if (rule.Direction == ReplicationDirection.Pull)
        {
            return await RecordAsync(actor, await pull.RunAsync(actor, rule, trigger, ct).ConfigureAwait(false) with { Reason = reason }, ct).ConfigureAwait(false);
        }
        else
        {
            (ExportPlan? plan, string? planProblem) = await selection.PlanAsync(rule.Filter, ct).ConfigureAwait(false);
            if (plan is null)
            {
                problem = planProblem;
            }
            else
            {
                target = targets.Open(rule);
                try
                {
                    foreach (ExportedRepository repository in plan.Repositories)
                    {
                        await PushRepositoryAsync(rule, plan, repository, only, target, run, ct).ConfigureAwait(false);
                    }

                    if (only is null)
                    {
                        await PushFilesAsync(rule, plan, target, run, ct).ConfigureAwait(false);
                    }

                    if (rule.PropagateDeletes)
                    {
                        await PropagateDeletesAsync(rule, plan, only, target, run, ct).ConfigureAwait(false);
                    }

                    if (only is null && run.Failed == 0)
                    {
                        await ForgetStaleUploadsAsync(rule, started, ct).ConfigureAwait(false);
                    }
                }
                catch (ReplicationTargetException e)
                {
                    problem = $"the other registry could not be reached: {e.Message}";
                    unreachable = true;
                }
            }
        }

        var result = new ReplicationRun(0, rule.Name, trigger, actor.Name, started, time.GetUtcNow(),
            problem is null && run.Failed == 0 ? ReplicationRun.Succeeded : ReplicationRun.FailedStatus,
            run.Copied, run.Skipped, run.Failed, run.BlobsSent, run.BlobsMounted, run.BlobsSkipped, run.Bytes, target?.Requests ?? 0, problem, run.Items)
        {
            Unreachable = unreachable,
            Reason = reason,
        };
        return await RecordAsync(actor, result, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// After a run of the whole rule in which nothing failed, every blob it selects is at the destination, so an
    /// upload saved before the run began and not finished by it (a blob since deleted at the source, a tag moved
    /// away while its blob was half sent) will never be continued: forgotten, so the table holds no garbage.
    /// </summary>
    private async ValueTask ForgetStaleUploadsAsync(ReplicationRule rule, DateTimeOffset started, CancellationToken ct)
    {
        foreach (ReplicationUpload stale in await uploads.ListReplicationUploadsAsync(rule.Name, ct).ConfigureAwait(false))
        {
            if (stale.SavedAt < started)
            {
                await uploads.DeleteReplicationUploadAsync(rule.Name, stale.Repository, stale.Digest, ct).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<ReplicationRun> RecordAsync(Actor actor, ReplicationRun result, CancellationToken ct)
        => await feed.RecordAsync(
            c => store.AddReplicationRunAsync(result, c),
            recorded => [new ReplicationRunCompleted(actor, recorded.EndedAt, recorded)],
            ct).ConfigureAwait(false);

    private async ValueTask PushRepositoryAsync(
        ReplicationRule rule, ExportPlan plan, ExportedRepository repository, IReadOnlySet<(string, string)>? only, IReplicationTarget target, Progress run, CancellationToken ct)
    {
        IReadOnlyList<ExportedTag> tags = only is null ? repository.Tags : [.. repository.Tags.Where(t => only.Contains((repository.Name, t.Tag)))];
        if (tags.Count == 0 && only is not null)
        {
            return;
        }

        if (rule.Mapping.Map(RepositoryName.Parse(repository.Name)) is not { } destination)
        {
            foreach (ExportedTag tag in tags)
            {
                run.Add(new ReplicationItem(repository.Name, tag.Tag, string.Empty, tag.Digest, ReplicationOutcome.Failed, "the mapped destination name is not a valid repository name"));
            }

            return;
        }

        var failedManifests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ExportedManifest manifest in repository.Manifests)
        {
            if (failedManifests.ContainsKey(manifest.Subject ?? string.Empty))
            {
                failedManifests[manifest.Digest] = $"its subject {manifest.Subject} failed";
                continue;
            }

            if (await SendManifestAsync(plan, manifest, destination, target, run, ct).ConfigureAwait(false) is { } failure)
            {
                failedManifests[manifest.Digest] = failure;
            }
        }

        foreach (ExportedTag tag in tags)
        {
            run.Add(await MoveTagAsync(rule, plan, repository, tag, destination, failedManifests, target, ct).ConfigureAwait(false));
        }
    }

    /// <summary>Null when the destination has the manifest now; else why not.</summary>
    private async ValueTask<string?> SendManifestAsync(ExportPlan plan, ExportedManifest manifest, RepositoryName destination, IReplicationTarget target, Progress run, CancellationToken ct)
    {
        Digest digest = Digest.Parse(manifest.Digest);
        if (await target.ManifestDigestAsync(destination, manifest.Digest, ct).ConfigureAwait(false) == digest)
        {
            return null;
        }

        byte[] bytes = plan.ManifestBytes[manifest.Digest];
        foreach ((Digest blob, long size) in ManifestBlobs.Of(bytes))
        {
            if (run.Placed.Contains((destination.Value, blob.Value)))
            {
                continue;
            }

            if (await target.HasBlobAsync(destination, blob, ct).ConfigureAwait(false))
            {
                run.BlobsSkipped++;
                run.Place(destination, blob);
                continue;
            }

            RepositoryName? mountFrom = run.Holder(blob);
            Func<CancellationToken, ValueTask<Stream?>> open = ParsedManifest.IsEmptyJsonDescriptor(blob, size)
                ? _ => ValueTask.FromResult<Stream?>(new MemoryStream("{}"u8.ToArray(), writable: false))
                : c => blobs.OpenReadAsync(blob, c);
            BlobSendResult sent = await target.SendBlobAsync(destination, blob, size, mountFrom, open, ct).ConfigureAwait(false);
            if (sent.Problem is not null)
            {
                return $"blob {blob.Value}: {sent.Problem}";
            }

            if (sent.Mounted)
            {
                run.BlobsMounted++;
            }
            else
            {
                run.BlobsSent++;
                run.Bytes += sent.BytesSent ?? size;
            }

            run.Place(destination, blob);
        }

        return await target.PutManifestAsync(destination, manifest.Digest, manifest.MediaType, bytes, ct).ConfigureAwait(false) is { } refused
            ? $"manifest {manifest.Digest}: {refused}"
            : null;
    }

    private static async ValueTask<ReplicationItem> MoveTagAsync(
        ReplicationRule rule, ExportPlan plan, ExportedRepository repository, ExportedTag tag, RepositoryName destination,
        Dictionary<string, string> failedManifests, IReplicationTarget target, CancellationToken ct)
    {
        ReplicationItem Item(ReplicationOutcome outcome, string? reason) => new(repository.Name, tag.Tag, destination.Value, tag.Digest, outcome, reason);

        if (failedManifests.TryGetValue(tag.Digest, out string? failure))
        {
            return Item(ReplicationOutcome.Failed, failure);
        }

        Digest? current = await target.ManifestDigestAsync(destination, tag.Tag, ct).ConfigureAwait(false);
        if (current is { } there && there.Value == tag.Digest)
        {
            return Item(ReplicationOutcome.Skipped, "up to date");
        }

        if (current is { } elsewhere && !rule.Overwrite)
        {
            return Item(ReplicationOutcome.Skipped, $"the destination tag points to {elsewhere.Value}; the rule does not overwrite");
        }

        ExportedManifest manifest = repository.Manifests.First(m => m.Digest == tag.Digest);
        TargetAnswer answer = await target.PutTagAsync(destination, tag.Tag, manifest.MediaType, plan.ManifestBytes[tag.Digest], ct).ConfigureAwait(false);
        return answer.Kind switch
        {
            TargetAnswerKind.Done => Item(ReplicationOutcome.Copied, current is null ? null : "overwritten"),
            TargetAnswerKind.Protected => Item(ReplicationOutcome.Protected, ProtectedReason(answer)),
            _ => Item(ReplicationOutcome.Failed, answer.Reason),
        };
    }

    private sealed class Progress
    {
        private readonly Dictionary<string, RepositoryName> _holders = new(StringComparer.Ordinal);

        public List<ReplicationItem> Items { get; } = [];

        public HashSet<(string, string)> Placed { get; } = [];

        public int Copied { get; private set; }

        public int Skipped { get; private set; }

        public int Failed { get; private set; }

        public int BlobsSent { get; set; }

        public int BlobsMounted { get; set; }

        public int BlobsSkipped { get; set; }

        public long Bytes { get; set; }

        public void Add(ReplicationItem item)
        {
            Items.Add(item);
            switch (item.Outcome)
            {
                case ReplicationOutcome.Copied:
                    Copied++;
                    break;
                case ReplicationOutcome.Skipped:
                    Skipped++;
                    break;
                case ReplicationOutcome.Failed:
                    Failed++;
                    break;
            }
        }

        public void Place(RepositoryName repository, Digest blob)
        {
            Placed.Add((repository.Value, blob.Value));
            _holders.TryAdd(blob.Value, repository);
        }

        /// <summary>Another destination repository this run knows has the blob (to mount from).</summary>
        public RepositoryName? Holder(Digest blob) => _holders.GetValueOrDefault(blob.Value);
    }
}
