using Registry.Core.Primitives;

namespace Registry.Core.Integrity;

/// <summary>What an integrity check found. <see cref="IsClean"/> is false when anything needs an operator's attention.</summary>
public sealed record FsckReport(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    long BlobsChecked,
    long BytesRead,
    long KnownDigests,
    IReadOnlyList<CorruptBlob> Corrupt,
    IReadOnlyList<MissingBlob> Missing,
    IReadOnlyList<OrphanBlob> Orphans)
{
    /// <summary>No corrupt or missing blob, and no orphan left in the store.</summary>
    public bool IsClean => Corrupt.Count == 0 && Missing.Count == 0 && Orphans.All(o => o.Removed);
}

/// <summary>A stored blob whose bytes do not hash to its address (or could not be read: <see cref="Actual"/> null).</summary>
public sealed record CorruptBlob(Digest Expected, Digest? Actual, long Size, string? Error);

/// <summary>A digest metadata references but the blob store does not hold, with the repositories referencing it.</summary>
public sealed record MissingBlob(Digest Digest, IReadOnlyList<string> Repositories);

/// <summary>A stored blob no metadata row knows; <see cref="Removed"/> when this run deleted it.</summary>
public sealed record OrphanBlob(Digest Digest, long Size, DateTimeOffset LastModified, bool Removed);
