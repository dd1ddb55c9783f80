namespace Registry.Core.Artifacts;

/// <summary>
/// What deleting artifact files did: how many files went, and how many blobs (and their bytes) nothing references
/// any more as a result (no manifest, no manifest reference, no other artifact file). Those blobs were put on the
/// garbage collection review queue in the same transaction; their bytes go when a pass collects them.
/// </summary>
public sealed record ArtifactDeletion(int Files, int BlobsUnreferenced, long BytesUnreferenced)
{
    public static ArtifactDeletion None { get; } = new(0, 0, 0);

    public ArtifactDeletion Add(ArtifactDeletion other)
        => new(Files + other.Files, BlobsUnreferenced + other.BlobsUnreferenced, BytesUnreferenced + other.BytesUnreferenced);

    /// <summary>The audit detail of deleted files: how many, and what garbage collection may now reclaim.</summary>
    public static string Describe(int files, int blobsUnreferenced, long bytesUnreferenced)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{files} file(s); {blobsUnreferenced} blob(s), {bytesUnreferenced} bytes no longer referenced (queued for garbage collection)");

    public string Describe() => Describe(Files, BlobsUnreferenced, BytesUnreferenced);
}
