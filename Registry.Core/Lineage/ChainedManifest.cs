using Registry.Core.Primitives;

namespace Registry.Core.Lineage;

/// <summary>A manifest found by one of its layer chains, with how many layers it has in all.</summary>
public sealed record ChainedManifest(RepositoryName Repository, Digest Digest, int LayerCount);
