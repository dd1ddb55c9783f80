using Microsoft.Data.Sqlite;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// The review queue on SQLite. Every write below runs under the one write gate in an immediate transaction, so the
/// checks of a mark (due, unpinned, unreferenced) and a pin's or manifest push's check for <c>deleting</c> never
/// interleave: whichever commits first, the other sees it.
/// </summary>
internal sealed partial class SqliteMetadataStore : IGcStore
{
    public ValueTask<PinnedBlob?> GetPinnedBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<PinnedBlobRow>(GcSql.PinnedBlob, new { Name = repository.Value, Digest = digest.Value }))?.ToRecord());

    public ValueTask<bool> PinAsync(Digest digest, DateTimeOffset until, CancellationToken ct)
        => WriteAsync((c, tx) =>
        {
            if (c.ExecuteScalar<bool>(GcSql.IsDeleting, new { Digest = digest.Value }, tx))
            {
                return false;
            }

            c.Execute(SqliteSql.Pin, new { Digest = digest.Value, Until = until.ToUnixTimeMilliseconds() }, tx);
            return true;
        }, ct);

    public ValueTask<IReadOnlyList<GcCandidate>> ListDueAsync(DateTimeOffset queuedBefore, string? after, int limit, CancellationToken ct)
    {
        var parameters = new { Before = queuedBefore.ToUnixTimeMilliseconds(), Now = NowMs(), After = after ?? "", Limit = limit };
        return ValueTask.FromResult(GcEntryRow.ToCandidates(Read(c => c.Query<GcEntryRow>(GcSql.DueEntries, parameters).AsList())));
    }

    public ValueTask<IReadOnlyList<GcCandidate>> ListDeletingAsync(string? after, int limit, CancellationToken ct)
        => ValueTask.FromResult(GcEntryRow.ToCandidates(Read(c => c.Query<GcEntryRow>(GcSql.DeletingEntries, new { After = after ?? "", Limit = limit }).AsList())));

    public ValueTask<GcCandidate?> TryMarkDeletingAsync(Digest digest, DateTimeOffset queuedBefore, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync<GcCandidate?>((c, tx) =>
        {
            var key = new { Digest = digest.Value };
            GcQueueEntryRow? entry = c.QuerySingleOrDefault<GcQueueEntryRow>(GcSql.QueueEntry, key, tx);
            if (entry is null || !entry.IsMarkable(queuedBefore.ToUnixTimeMilliseconds(), now))
            {
                return null;
            }

            if (c.ExecuteScalar<bool>(GcSql.IsReferenced, key, tx))
            {
                c.Execute(GcSql.DropEntry, key, tx);   // used again: off the queue
                return null;
            }

            return c.Execute(GcSql.MarkDeleting, key, tx) == 1
                ? new GcCandidate(digest, entry.Size, DateTimeOffset.FromUnixTimeMilliseconds(entry.QueuedAt))
                : null;
        }, ct);
    }

    public ValueTask<bool> ConfirmDeletingAsync(Digest digest, CancellationToken ct)
        => WriteAsync((c, tx) =>
        {
            var key = new { Digest = digest.Value };
            if (!c.ExecuteScalar<bool>(GcSql.IsDeleting, key, tx))
            {
                return false;
            }

            if (!c.ExecuteScalar<bool>(GcSql.IsReferenced, key, tx))
            {
                return true;
            }

            c.Execute(GcSql.DropEntry, key, tx);
            return false;
        }, ct);

    public ValueTask<bool> CompleteDeletionAsync(Digest digest, CancellationToken ct)
        => WriteAsync((c, tx) =>
        {
            var key = new { Digest = digest.Value };
            if (c.Execute(GcSql.DropDeletingEntry, key, tx) != 1)
            {
                return false;
            }

            c.Execute(GcSql.DeleteBlobRows, key, tx);
            return true;
        }, ct);

    public ValueTask<GcQueueStatus> GetQueueStatusAsync(DateTimeOffset queuedBefore, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingle<GcStatusRow>(GcSql.QueueStatus, new { Before = queuedBefore.ToUnixTimeMilliseconds() })).ToStatus());

    public ValueTask<int> DeleteExpiredPinsAsync(DateTimeOffset before, CancellationToken ct)
        => WriteAsync((c, tx) => c.Execute(GcSql.DeleteExpiredPins, new { Before = before.ToUnixTimeMilliseconds() }, tx), ct);

    public ValueTask<long> RecordRunAsync(GcRun run, int keep, CancellationToken ct)
        => WriteAsync((c, tx) =>
        {
            long id = c.ExecuteScalar<long>(GcSql.InsertGcRun, GcRunRow.From(run), tx);
            c.Execute(GcSql.PruneIdleGcRuns, new { Id = id }, tx);
            c.Execute(GcSql.PruneGcRuns, new { Keep = Math.Max(keep, 1) }, tx);
            return id;
        }, ct);

    public ValueTask<IReadOnlyList<GcRun>> ListRunsAsync(int limit, CancellationToken ct) => ListRunsBeforeAsync(null, limit, ct);

    public ValueTask<IReadOnlyList<GcRun>> ListRunsBeforeAsync(long? before, int limit, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<GcRun>>(Read(c => c.Query<GcRunRow>(GcSql.GcRuns, new { Before = before ?? long.MaxValue, Limit = limit }).Select(r => r.ToRecord()).ToList()));

    public ValueTask<IReadOnlyList<GcRun>> ListRunsAfterAsync(long after, int limit, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<GcRun>>(Read(c => c.Query<GcRunRow>(GcSql.GcRunsAfter, new { After = after, Limit = limit }).Select(r => r.ToRecord()).ToList()));

    public ValueTask<long> CountRunsAsync(CancellationToken ct) => ValueTask.FromResult(Read(c => c.ExecuteScalar<long>(GcSql.CountGcRuns)));

    /// <summary>The digests a manifest's deletion may leave unreferenced: its children (read before they go) and itself.</summary>
    private static List<string> GcDigestsOfManifest(SqliteConnection c, SqliteTransaction tx, long repositoryId, string digest)
    {
        List<string> digests = c.Query<string>(GcSql.ChildrenOfManifest, new { RepositoryId = repositoryId, Digest = digest }, tx).AsList();
        digests.Add(digest);
        return digests;
    }

    private static int EnqueueUnreferenced(SqliteConnection c, SqliteTransaction tx, IEnumerable<string> digests, long now)
    {
        int queued = 0;
        foreach (string digest in digests)
        {
            queued += c.Execute(SqliteSql.Enqueue, new { Digest = digest, Now = now }, tx);
        }

        return queued;
    }

    /// <summary>
    /// Digests referenced by what this transaction records (a manifest: its own and its dependencies'; an artifact
    /// file: its content) are not garbage.
    /// </summary>
    private static void Dequeue(SqliteConnection c, SqliteTransaction tx, string[] digests)
        => c.Execute(SqliteSql.Dequeue, new { Digests = digests }, tx);

    /// <summary>
    /// After artifact files were deleted or replaced: queues (<see cref="EnqueueUnreferenced"/>, as a manifest delete
    /// does) the digests they used that nothing references any more, and counts those.
    /// </summary>
    private static ArtifactDeletion Unreference(SqliteConnection c, SqliteTransaction tx, int files, IEnumerable<string> digests, long now)
    {
        string[] distinct = [.. digests.Distinct(StringComparer.Ordinal)];
        if (distinct.Length == 0)
        {
            return new ArtifactDeletion(files, 0, 0);
        }

        EnqueueUnreferenced(c, tx, distinct, now);
        return c.QuerySingle<UnreferencedBlobsRow>(SqliteSql.UnreferencedBlobs, new { Digests = distinct }, tx).ToDeletion(files);
    }
}
