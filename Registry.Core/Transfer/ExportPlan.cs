namespace Registry.Core.Transfer;

/// <summary>What an export will write, decided before the first byte is: the listing and the manifest bytes (small, kept in memory).</summary>
public sealed record ExportPlan(
    TransferFilter Filter,
    IReadOnlyList<ExportedRepository> Repositories,
    IReadOnlyList<ExportedBlob> Blobs,
    IReadOnlyDictionary<string, byte[]> ManifestBytes)
{
    /// <summary>Files of artifact repositories (their bytes are among <see cref="Blobs"/>, kind <c>file</c>).</summary>
    public IReadOnlyList<ExportedFile> Files { get; init; } = [];

    public int TagCount => Repositories.Sum(r => r.Tags.Count);

    public long TotalBytes => Blobs.Sum(b => b.Size);
}
