namespace Registry.Core.Tags;

/// <summary>What <see cref="TagRules.UntagManifestAsync"/> did: how many tags it deleted, or the rule that kept them all.</summary>
public readonly record struct ManifestUntagging(int Deleted, TagProtectionViolation? Refused);
