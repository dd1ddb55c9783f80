namespace Registry.Core.Tags;

/// <summary>What a tag protection rule forbids. Stored as these integer values; never renumber them.</summary>
public enum TagProtectionKind
{
    /// <summary>Once the tag exists it can be neither moved to another manifest nor deleted (creating it is allowed).</summary>
    Immutable = 1,

    /// <summary>The tag can be moved but not deleted (neither by itself nor with the manifest it points at).</summary>
    ProtectedFromDeletion = 2,
}
