namespace Registry.Core.Tags;

/// <summary>What <see cref="TagRules.MoveAsync"/> did: where the tag pointed before, whether it changed, or the rule that refused the move.</summary>
public readonly record struct TagMoveOutcome(string? Old, bool Changed, TagProtectionViolation? Refused);
