namespace Registry.Core.Artifacts;

/// <summary>The versions a run deleted (for a dry run: would delete), with their files, and the errors it met.</summary>
public sealed record ArtifactRetentionRunDetails(IReadOnlyList<ArtifactRunVersion> Versions, IReadOnlyList<string> Errors)
{
    public static ArtifactRetentionRunDetails Empty { get; } = new([], []);
}
