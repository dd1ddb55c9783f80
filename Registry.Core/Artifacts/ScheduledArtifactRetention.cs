namespace Registry.Core.Artifacts;

/// <summary>An artifact repository's retention policy that has a schedule.</summary>
public sealed record ScheduledArtifactRetention(string Repository, ArtifactRetentionPolicy Policy);
