using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <summary>A verified layout ready to import: per repository, its manifests in import order (children and subjects first) and its tags.</summary>
public sealed record ImportPlan(string Root, IReadOnlyList<ImportRepository> Repositories, long TotalBytes)
{
    /// <summary>Files of artifact repositories, their checksums verified.</summary>
    public IReadOnlyList<ExportedFile> Files { get; init; } = [];

    public int ManifestCount => Repositories.Sum(r => r.Manifests.Count);

    public string BlobFile(Digest digest) => Path.Combine(Root, "blobs", digest.AlgorithmName, digest.Hex);
}
