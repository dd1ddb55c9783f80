using Registry.Core.Primitives;

namespace Registry.Core.Storage;

public enum CommitStatus
{
    /// <summary>The bytes hashed to the expected digest and are now readable under it.</summary>
    Committed,

    /// <summary>The bytes hash to something else; nothing became visible and the session keeps its data.</summary>
    DigestMismatch,
}

public readonly record struct CommitResult(CommitStatus Status, BlobInfo? Blob, Digest Actual)
{
    public static CommitResult Committed(BlobInfo blob) => new(CommitStatus.Committed, blob, blob.Digest);

    public static CommitResult Mismatch(Digest actual) => new(CommitStatus.DigestMismatch, null, actual);
}
