using Registry.Core.Manifests;
using Registry.Core.Tags;
using Registry.Core.Usage;

namespace Registry.Core.Storage;

public enum PutManifestStatus
{
    Stored,

    /// <summary>A referenced blob or child manifest is not in the repository.</summary>
    MissingDependency,

    /// <summary>A referenced blob or child manifest exists with another size than the descriptor says.</summary>
    SizeMismatch,

    /// <summary>The tag is immutable and points at another manifest; nothing was written (<see cref="PutManifestResult.Violation"/> says which rule).</summary>
    TagProtected,

    /// <summary>The namespace would exceed its quota (<see cref="PutManifestResult.OverQuota"/> says by how much); nothing was written.</summary>
    QuotaExceeded,
}

/// <param name="PreviousTagDigest">Where the tag pointed before, when a tag was given and it moved.</param>
public readonly record struct PutManifestResult(PutManifestStatus Status, ManifestDependency? Offending, string? PreviousTagDigest)
{
    /// <summary>The rule that refused the push, when <see cref="Status"/> is <see cref="PutManifestStatus.TagProtected"/>.</summary>
    public TagProtectionViolation? Violation { get; init; }

    /// <summary>Floating tags moved in the same transaction to follow the pushed tag (see <see cref="FloatingTagPlanner"/>).</summary>
    public IReadOnlyList<TagMove> Floated { get; init; } = [];

    /// <summary>Floating tags left where they were because an immutable rule covers them.</summary>
    public IReadOnlyList<TagProtectionViolation> FloatSkipped { get; init; } = [];

    /// <summary>Why the push was refused, when <see cref="Status"/> is <see cref="PutManifestStatus.QuotaExceeded"/>.</summary>
    public QuotaRefusal? OverQuota { get; init; }

    public static PutManifestResult Stored(string? previousTagDigest) => new(PutManifestStatus.Stored, null, previousTagDigest);

    public static PutManifestResult Missing(ManifestDependency dependency) => new(PutManifestStatus.MissingDependency, dependency, null);

    public static PutManifestResult WrongSize(ManifestDependency dependency) => new(PutManifestStatus.SizeMismatch, dependency, null);

    public static PutManifestResult Exceeds(QuotaRefusal refusal) => new(PutManifestStatus.QuotaExceeded, null, null) { OverQuota = refusal };

    public static PutManifestResult Protected(TagProtectionViolation violation) => new(PutManifestStatus.TagProtected, null, null) { Violation = violation };
}
