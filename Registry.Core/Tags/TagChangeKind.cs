namespace Registry.Core.Tags;

/// <summary>What a tag history entry records. Stored as these integer values; never renumber them.</summary>
public enum TagChangeKind
{
    /// <summary>The tag did not exist and now points at a manifest.</summary>
    Created = 0,

    /// <summary>The tag pointed at one manifest and now at another (by a push, or a floating tag following one).</summary>
    Moved = 1,

    /// <summary>The tag was removed (by itself, or with the manifest it pointed at).</summary>
    Deleted = 2,

    /// <summary>The tag was pointed back at an earlier manifest through the restore endpoint.</summary>
    Restored = 3,
}
