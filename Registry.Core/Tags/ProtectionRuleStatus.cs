namespace Registry.Core.Tags;

public enum ProtectionRuleStatus
{
    Created,
    Deleted,

    /// <summary>The pattern is not a valid tag pattern; <see cref="ProtectionRuleResult.Message"/> says why.</summary>
    InvalidPattern,

    /// <summary>The caller may not manage rules on the scope (that needs the maintainer or admin role there).</summary>
    Denied,

    /// <summary>The scope already has a rule of that kind for the pattern.</summary>
    Conflict,

    /// <summary>No such rule, or one the caller may not see.</summary>
    NotFound,
}
