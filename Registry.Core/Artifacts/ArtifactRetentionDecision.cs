namespace Registry.Core.Artifacts;

/// <summary>Retention's verdict on one version.</summary>
public sealed record ArtifactRetentionDecision(ArtifactVersion Version, bool Keep, string Reason);
