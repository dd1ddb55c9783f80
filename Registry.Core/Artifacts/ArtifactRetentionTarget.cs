namespace Registry.Core.Artifacts;

/// <summary>An artifact repository's retention policy, with the repository it applies to: what the retention engine runs.</summary>
public sealed record ArtifactRetentionTarget(ArtifactRepository Repository, ArtifactRetentionPolicy Policy);
