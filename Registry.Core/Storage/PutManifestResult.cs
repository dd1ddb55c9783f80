using Registry.Core.Manifests;

namespace Registry.Core.Storage;

public enum PutManifestStatus
{
    Stored,

    /// <summary>A referenced blob or child manifest is not in the repository.</summary>
    MissingDependency,

    /// <summary>A referenced blob or child manifest exists with another size than the descriptor says.</summary>
    SizeMismatch,
}

/// <param name="PreviousTagDigest">Where the tag pointed before, when a tag was given and it moved.</param>
public readonly record struct PutManifestResult(PutManifestStatus Status, ManifestDependency? Offending, string? PreviousTagDigest)
{
    public static PutManifestResult Stored(string? previousTagDigest) => new(PutManifestStatus.Stored, null, previousTagDigest);

    public static PutManifestResult Missing(ManifestDependency dependency) => new(PutManifestStatus.MissingDependency, dependency, null);

    public static PutManifestResult WrongSize(ManifestDependency dependency) => new(PutManifestStatus.SizeMismatch, dependency, null);
}
