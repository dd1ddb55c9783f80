using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Integrity;

/// <summary>
/// The integrity check: streams every stored blob to verify its digest, lists metadata rows whose bytes are missing
/// and stored blobs no metadata row knows (orphans), and can remove orphans past a grace period. Upload sessions are
/// not blobs and are never listed. Only digests (not bytes) are held in memory.
/// </summary>
public sealed class FsckService(IBlobStore blobs, IIntegrityStore metadata, TimeProvider time)
{
    public async Task<FsckReport> RunAsync(FsckOptions options, CancellationToken ct)
    {
        DateTimeOffset started = time.GetUtcNow();

        // Metadata first: a blob stored and linked after this snapshot shows as an orphan candidate, and removal
        // re-checks metadata and the grace period, so the race errs towards keeping bytes.
        var known = new Dictionary<Digest, IReadOnlyList<string>>();
        await foreach (KnownBlob blob in metadata.ListKnownBlobsAsync(ct))
        {
            known[blob.Digest] = blob.Repositories;
        }

        var stored = new HashSet<Digest>();
        var corrupt = new List<CorruptBlob>();
        var orphans = new List<StoredBlob>();
        long checkedCount = 0;
        long bytesRead = 0;
        await foreach (StoredBlob blob in blobs.ListAsync(ct))
        {
            stored.Add(blob.Digest);
            checkedCount++;
            (CorruptBlob? problem, long read) = await VerifyAsync(blob, ct);
            bytesRead += read;
            if (problem is not null)
            {
                corrupt.Add(problem);
            }

            if (!known.ContainsKey(blob.Digest))
            {
                orphans.Add(blob);
            }
        }

        var missing = new List<MissingBlob>();
        foreach ((Digest digest, IReadOnlyList<string> repositories) in known)
        {
            // Stored after the listing passed its place, or removed with its rows by garbage collection since the
            // snapshot? Then it is not missing.
            if (!stored.Contains(digest) && await blobs.StatAsync(digest, ct) is null && await metadata.IsKnownBlobAsync(digest, ct))
            {
                missing.Add(new MissingBlob(digest, repositories));
            }
        }

        var orphanResults = new List<OrphanBlob>(orphans.Count);
        DateTimeOffset cutoff = time.GetUtcNow() - options.Grace;
        foreach (StoredBlob orphan in orphans)
        {
            bool removed = options.RemoveOrphans
                && orphan.LastModified <= cutoff
                && !await metadata.IsKnownBlobAsync(orphan.Digest, ct)
                && await blobs.DeleteAsync(orphan.Digest, ct);
            orphanResults.Add(new OrphanBlob(orphan.Digest, orphan.Size, orphan.LastModified, removed));
        }

        missing.Sort((a, b) => string.CompareOrdinal(a.Digest.Value, b.Digest.Value));
        corrupt.Sort((a, b) => string.CompareOrdinal(a.Expected.Value, b.Expected.Value));
        orphanResults.Sort((a, b) => string.CompareOrdinal(a.Digest.Value, b.Digest.Value));
        return new FsckReport(started, time.GetUtcNow(), checkedCount, bytesRead, known.Count, corrupt, missing, orphanResults);
    }

    private async ValueTask<(CorruptBlob? Problem, long Read)> VerifyAsync(StoredBlob blob, CancellationToken ct)
    {
        try
        {
            await using Stream? stream = await blobs.OpenReadAsync(blob.Digest, ct);
            if (stream is null)
            {
                return (null, 0); // removed since it was listed (GC); nothing to verify
            }

            (Digest actual, long length) = await BlobHasher.HashAsync(stream, blob.Digest.Algorithm, ct);
            return (actual == blob.Digest ? null : new CorruptBlob(blob.Digest, actual, length, null), length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (new CorruptBlob(blob.Digest, null, blob.Size, e.Message), 0);
        }
    }
}
