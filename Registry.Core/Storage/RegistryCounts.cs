namespace Registry.Core.Storage;

/// <summary>What the registry holds: repositories, tags, and manifests (counted once per repository that has them).</summary>
public sealed record RegistryCounts(long Repositories, long Tags, long Manifests);
