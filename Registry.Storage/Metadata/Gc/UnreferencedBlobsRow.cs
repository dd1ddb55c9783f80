using Registry.Core.Artifacts;

namespace Registry.Storage.Metadata.Gc;

/// <summary>How many blobs of a set nothing references any more, and their bytes.</summary>
internal sealed class UnreferencedBlobsRow
{
    public long Blobs { get; set; }

    public long Bytes { get; set; }

    public ArtifactDeletion ToDeletion(int files) => new(files, (int)Blobs, Bytes);
}
