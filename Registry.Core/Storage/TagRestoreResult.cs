using Registry.Core.Tags;

namespace Registry.Core.Storage;

public enum TagRestoreStatus
{
    /// <summary>The tag now points at the manifest (created again if it had been deleted); recorded in history.</summary>
    Restored,

    /// <summary>The tag already pointed at the manifest; nothing was recorded.</summary>
    Unchanged,

    /// <summary>The manifest is not in the repository (or the repository is unknown).</summary>
    ManifestUnknown,

    /// <summary>An immutable rule covers the tag; nothing changed.</summary>
    Protected,
}

/// <param name="PreviousDigest">Where the tag pointed before (null when it did not exist).</param>
public readonly record struct TagRestoreResult(TagRestoreStatus Status, string? PreviousDigest, TagProtectionViolation? Violation);
