using Registry.Core.Tags;

namespace Registry.Core.Storage;

public enum DeleteStatus
{
    Deleted,

    /// <summary>The tag or manifest is not in the repository.</summary>
    NotFound,

    /// <summary>A protection rule covers the tag (or a tag of the manifest); nothing was deleted.</summary>
    Protected,
}

/// <summary>The outcome of deleting a tag or a manifest.</summary>
public readonly record struct DeleteResult(DeleteStatus Status, TagProtectionViolation? Violation)
{
    public static DeleteResult Deleted { get; } = new(DeleteStatus.Deleted, null);

    public static DeleteResult NotFound { get; } = new(DeleteStatus.NotFound, null);

    public static DeleteResult Refused(TagProtectionViolation violation) => new(DeleteStatus.Protected, violation);
}
