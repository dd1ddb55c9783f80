using System.Globalization;
using Npgsql;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The review queue on PostgreSQL. Nodes race on a digest through the mark step, pins, manifest pushes and deletes;
/// each of those transactions first takes the digest's advisory lock (<see cref="PostgresSql.LockDigests"/>), so for
/// one digest they run one after another and every check after the lock sees the previous writer's commit.
/// </summary>
internal sealed partial class PostgresMetadataStore : IGcStore
{
    /// <summary>The first key of the two-key advisory locks taken on digests ("gc"), apart from the migration lock.</summary>
    private const int DigestLockClass = 0x6763;

    public async ValueTask<PinnedBlob?> GetPinnedBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct)
        => (await ReadAsync(c => c.QuerySingleOrDefaultAsync<PinnedBlobRow>(
            Command(GcSql.PinnedBlob, new { Name = repository.Value, Digest = digest.Value }, null, ct)), ct))?.ToRecord();

    public ValueTask<bool> PinAsync(Digest digest, DateTimeOffset until, CancellationToken ct)
        => WriteAsync(async (c, tx) =>
        {
            await LockDigestsAsync(c, tx, [digest.Value], ct);
            if (await c.ExecuteScalarAsync<bool>(Command(GcSql.IsDeleting, new { Digest = digest.Value }, tx, ct)))
            {
                return false;
            }

            await c.ExecuteAsync(Command(PostgresSql.Pin, new { Digest = digest.Value, Until = until.ToUnixTimeMilliseconds() }, tx, ct));
            return true;
        }, ct);

    public async ValueTask<IReadOnlyList<GcCandidate>> ListDueAsync(DateTimeOffset queuedBefore, string? after, int limit, CancellationToken ct)
    {
        var parameters = new { Before = queuedBefore.ToUnixTimeMilliseconds(), Now = NowMs(), After = after ?? "", Limit = limit };
        return GcEntryRow.ToCandidates(await ReadAsync(c => c.QueryAsync<GcEntryRow>(Command(GcSql.DueEntries, parameters, null, ct)), ct));
    }

    public async ValueTask<IReadOnlyList<GcCandidate>> ListDeletingAsync(string? after, int limit, CancellationToken ct)
        => GcEntryRow.ToCandidates(await ReadAsync(c => c.QueryAsync<GcEntryRow>(
            Command(GcSql.DeletingEntries, new { After = after ?? "", Limit = limit }, null, ct)), ct));

    public ValueTask<GcCandidate?> TryMarkDeletingAsync(Digest digest, DateTimeOffset queuedBefore, CancellationToken ct)
        => WriteAsync<GcCandidate?>(async (c, tx) =>
        {
            await LockDigestsAsync(c, tx, [digest.Value], ct);
            var key = new { Digest = digest.Value };
            GcQueueEntryRow? entry = await c.QuerySingleOrDefaultAsync<GcQueueEntryRow>(Command(GcSql.QueueEntry, key, tx, ct));
            if (entry is null || !entry.IsMarkable(queuedBefore.ToUnixTimeMilliseconds(), NowMs()))
            {
                return null;
            }

            if (await c.ExecuteScalarAsync<bool>(Command(GcSql.IsReferenced, key, tx, ct)))
            {
                await c.ExecuteAsync(Command(GcSql.DropEntry, key, tx, ct));   // used again: off the queue
                return null;
            }

            return await c.ExecuteAsync(Command(GcSql.MarkDeleting, key, tx, ct)) == 1
                ? new GcCandidate(digest, entry.Size, DateTimeOffset.FromUnixTimeMilliseconds(entry.QueuedAt))
                : null;
        }, ct);

    public ValueTask<bool> ConfirmDeletingAsync(Digest digest, CancellationToken ct)
        => WriteAsync(async (c, tx) =>
        {
            await LockDigestsAsync(c, tx, [digest.Value], ct);
            var key = new { Digest = digest.Value };
            if (!await c.ExecuteScalarAsync<bool>(Command(GcSql.IsDeleting, key, tx, ct)))
            {
                return false;
            }

            if (!await c.ExecuteScalarAsync<bool>(Command(GcSql.IsReferenced, key, tx, ct)))
            {
                return true;
            }

            await c.ExecuteAsync(Command(GcSql.DropEntry, key, tx, ct));
            return false;
        }, ct);

    public ValueTask<bool> CompleteDeletionAsync(Digest digest, CancellationToken ct)
        => WriteAsync(async (c, tx) =>
        {
            await LockDigestsAsync(c, tx, [digest.Value], ct);
            var key = new { Digest = digest.Value };
            if (await c.ExecuteAsync(Command(GcSql.DropDeletingEntry, key, tx, ct)) != 1)
            {
                return false;
            }

            await c.ExecuteAsync(Command(GcSql.DeleteBlobRows, key, tx, ct));
            return true;
        }, ct);

    public async ValueTask<GcQueueStatus> GetQueueStatusAsync(DateTimeOffset queuedBefore, CancellationToken ct)
        => (await ReadAsync(c => c.QuerySingleAsync<GcStatusRow>(
            Command(GcSql.QueueStatus, new { Before = queuedBefore.ToUnixTimeMilliseconds() }, null, ct)), ct)).ToStatus();

    public ValueTask<int> DeleteExpiredPinsAsync(DateTimeOffset before, CancellationToken ct)
        => WriteAsync((c, tx) => c.ExecuteAsync(Command(GcSql.DeleteExpiredPins, new { Before = before.ToUnixTimeMilliseconds() }, tx, ct)), ct);

    public ValueTask<long> RecordRunAsync(GcRun run, int keep, CancellationToken ct)
        => WriteAsync(async (c, tx) =>
        {
            long id = await c.ExecuteScalarAsync<long>(Command(GcSql.InsertGcRun, GcRunRow.From(run), tx, ct));
            await c.ExecuteAsync(Command(GcSql.PruneIdleGcRuns, new { Id = id }, tx, ct));
            await c.ExecuteAsync(Command(GcSql.PruneGcRuns, new { Keep = Math.Max(keep, 1) }, tx, ct));
            return id;
        }, ct);

    public ValueTask<IReadOnlyList<GcRun>> ListRunsAsync(int limit, CancellationToken ct) => ListRunsBeforeAsync(null, limit, ct);

    public async ValueTask<IReadOnlyList<GcRun>> ListRunsBeforeAsync(long? before, int limit, CancellationToken ct)
        => [.. (await ReadAsync(c => c.QueryAsync<GcRunRow>(Command(GcSql.GcRuns, new { Before = before ?? long.MaxValue, Limit = limit }, null, ct)), ct)).Select(r => r.ToRecord())];

    public async ValueTask<IReadOnlyList<GcRun>> ListRunsAfterAsync(long after, int limit, CancellationToken ct)
        => [.. (await ReadAsync(c => c.QueryAsync<GcRunRow>(Command(GcSql.GcRunsAfter, new { After = after, Limit = limit }, null, ct)), ct)).Select(r => r.ToRecord())];

    public async ValueTask<long> CountRunsAsync(CancellationToken ct)
        => await ReadAsync(c => c.ExecuteScalarAsync<long>(Command(GcSql.CountGcRuns, null, null, ct)), ct);

    /// <summary>
    /// Takes the digests' advisory locks (until commit). Called first in a transaction, before any row lock, so the
    /// lock order is always advisory locks (by key) and then rows.
    /// </summary>
    private static async Task LockDigestsAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyCollection<string> digests, CancellationToken ct)
    {
        if (digests.Count == 0)
        {
            return;
        }

        int[] keys = [.. digests.Select(LockKey)];
        await c.ExecuteScalarAsync<long>(Command(PostgresSql.LockDigests, new { Class = DigestLockClass, Keys = keys }, tx, ct));
    }

    /// <summary>The first 32 bits of the digest's hash: content hashes are uniform, so keys rarely collide (a collision only serializes).</summary>
    private static int LockKey(string digest)
    {
        int colon = digest.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && digest.Length >= colon + 9
            && uint.TryParse(digest.AsSpan(colon + 1, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint key)
            ? unchecked((int)key)
            : StringComparer.Ordinal.GetHashCode(digest);
    }

    /// <summary>Locks what deleting the manifest may leave unreferenced (its children and itself) and returns those digests.</summary>
    private static async Task<string[]> LockGcDigestsOfManifestAsync(NpgsqlConnection c, NpgsqlTransaction tx, long repositoryId, string digest, CancellationToken ct)
    {
        string[] digests = [.. await c.QueryAsync<string>(Command(GcSql.ChildrenOfManifest, new { RepositoryId = repositoryId, Digest = digest }, tx, ct)), digest];
        await LockDigestsAsync(c, tx, digests, ct);
        return digests;
    }

    private static Task<int> EnqueueUnreferencedAsync(NpgsqlConnection c, NpgsqlTransaction tx, string[] digests, long now, CancellationToken ct)
        => c.ExecuteAsync(Command(PostgresSql.Enqueue, new { Digests = digests, Now = now }, tx, ct));

    /// <summary>
    /// Locks the new content's digest and the one the file has now (what a replacement may leave unreferenced), and
    /// returns the latter. Re-read after the lock until it is one already locked, so no row lock is held while waiting.
    /// </summary>
    private static async Task<string?> LockFileDigestsAsync(NpgsqlConnection c, NpgsqlTransaction tx, ArtifactFileWrite write, CancellationToken ct)
    {
        var locked = new HashSet<string>(StringComparer.Ordinal);
        string? wanted = write.Content.Digest.Value;
        while (true)
        {
            string?[] digests = [wanted, await c.ExecuteScalarAsync<string?>(Command(ArtifactSql.FileDigest, new { write.Repository, write.Path }, tx, ct))];
            string[] missing = [.. digests.OfType<string>().Where(d => !locked.Contains(d))];
            if (missing.Length == 0)
            {
                return digests[1];
            }

            await LockDigestsAsync(c, tx, missing, ct);
            locked.UnionWith(missing);
            wanted = null;
        }
    }

    /// <summary>
    /// After artifact files were deleted or replaced: queues (<see cref="EnqueueUnreferencedAsync"/>, as a manifest
    /// delete does) the digests they used that nothing references any more, and counts those. The caller locked the
    /// digests it read before the delete; one the delete found besides (a file written in between) is locked here.
    /// </summary>
    private static async Task<ArtifactDeletion> UnreferenceAsync(NpgsqlConnection c, NpgsqlTransaction tx, string[] deleted, string[] locked, long now, CancellationToken ct)
    {
        string[] digests = [.. deleted.Distinct(StringComparer.Ordinal)];
        if (digests.Length == 0)
        {
            return new ArtifactDeletion(deleted.Length, 0, 0);
        }

        await LockDigestsAsync(c, tx, [.. digests.Except(locked, StringComparer.Ordinal)], ct);
        await EnqueueUnreferencedAsync(c, tx, digests, now, ct);
        return (await c.QuerySingleAsync<UnreferencedBlobsRow>(Command(PostgresSql.UnreferencedBlobs, new { Digests = digests }, tx, ct))).ToDeletion(deleted.Length);
    }

    private static Task<int> DequeueAsync(NpgsqlConnection c, NpgsqlTransaction tx, string[] digests, CancellationToken ct)
        => c.ExecuteAsync(Command(PostgresSql.Dequeue, new { Digests = digests }, tx, ct));
}
