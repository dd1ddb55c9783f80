namespace Registry.Core.Artifacts;

/// <summary>One version a retention run deleted: its artifact, version, the paths of its files and their bytes.</summary>
public sealed record ArtifactRunVersion(string Artifact, string Version, IReadOnlyList<string> Paths, long Bytes);
