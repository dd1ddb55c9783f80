namespace Registry.Core.Tags;

/// <summary>What a protection-rule change came to: the rule created or deleted, or why not.</summary>
public sealed record ProtectionRuleResult(ProtectionRuleStatus Status, TagProtectionRule? Rule, string? Message);
