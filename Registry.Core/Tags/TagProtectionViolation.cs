namespace Registry.Core.Tags;

/// <summary>A tag change a protection rule refused: which tag, which rule, and what was attempted.</summary>
public sealed record TagProtectionViolation(string Repository, string Tag, TagProtectionRule Rule, TagChangeKind Attempted)
{
    /// <summary>The message the client sees (docker prints it after <c>denied:</c>).</summary>
    public string Message => Attempted == TagChangeKind.Deleted
        ? $"tag '{Repository}:{Tag}' is protected from deletion by {Rule.Describe()}"
        : $"tag '{Repository}:{Tag}' is immutable under {Rule.Describe()}: it cannot be moved to another manifest";
}
