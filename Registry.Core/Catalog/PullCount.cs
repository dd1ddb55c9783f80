using Registry.Core.Primitives;

namespace Registry.Core.Catalog;

/// <summary>Pulls of one manifest in one repository that a node counted since its last flush.</summary>
public readonly record struct PullCount(RepositoryName Repository, Digest Digest, long Count, DateTimeOffset LastPulledAt);
