using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <summary>Where an export writes an OCI image layout: a directory, or a tar stream of the same tree.</summary>
public interface ILayoutWriter : IAsyncDisposable
{
    /// <summary>Writes a small file (oci-layout, index.json, the export listing) at a path inside the layout.</summary>
    ValueTask WriteFileAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>Streams <paramref name="size"/> bytes of <paramref name="content"/> to the blob's path, hashing them; false when they do not hash to <paramref name="digest"/>.</summary>
    ValueTask<bool> WriteBlobAsync(Digest digest, long size, Stream content, CancellationToken ct);

    /// <summary>Finishes the layout (the tar's end blocks); nothing may be written after.</summary>
    ValueTask CompleteAsync(CancellationToken ct);
}
