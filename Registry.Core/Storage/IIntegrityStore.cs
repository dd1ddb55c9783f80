using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>What the metadata knows of stored bytes, for the integrity check (fsck).</summary>
public interface IIntegrityStore
{
    /// <summary>
    /// Every digest a metadata row expects in the blob store (the blobs table, repository links and manifests' own
    /// digests), each once, ordered by digest, with the names of the repositories referencing it.
    /// </summary>
    IAsyncEnumerable<KnownBlob> ListKnownBlobsAsync(CancellationToken ct);

    /// <summary>Whether any metadata row references <paramref name="digest"/> right now.</summary>
    ValueTask<bool> IsKnownBlobAsync(Digest digest, CancellationToken ct);
}
