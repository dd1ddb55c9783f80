namespace Registry.Core.Usage;

/// <summary>What a quota change came to: the quota now set (null after a removal), or why not.</summary>
public sealed record QuotaChangeResult(QuotaChangeStatus Status, NamespaceQuota? Quota, string? Message);
