using Registry.Core.Manifests;
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

public sealed record ImportRepository(RepositoryName Name, IReadOnlyList<ImportManifest> Manifests, IReadOnlyList<(TagName Tag, Digest Digest)> Tags);

/// <summary>A manifest of the layout, read and parsed (its bytes are small and were hashed).</summary>
public sealed record ImportManifest(Digest Digest, byte[] Content, ParsedManifest Parsed);
