namespace Registry.Core.Artifacts;

/// <summary>How an artifact repository lays out and guards its files.</summary>
public enum ArtifactRepositoryType
{
    /// <summary>Any path; every file may be overwritten by a deployer.</summary>
    Generic = 0,

    /// <summary>The Maven 2 layout: release files are immutable unless the repository allows redeploy.</summary>
    Maven = 1,
}
