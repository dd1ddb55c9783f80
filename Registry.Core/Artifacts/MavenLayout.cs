namespace Registry.Core.Artifacts;

/// <summary>
/// The Maven 2 layout: <c>group/path/artifactId/version/artifactId-version[-classifier].ext</c>, with
/// <c>maven-metadata.xml</c> at artifact and SNAPSHOT-version level. SNAPSHOT files carry a unique timestamp
/// (<c>artifactId-1.0-20240101.120000-1.jar</c>) in the <c>1.0-SNAPSHOT</c> folder.
/// </summary>
public static class MavenLayout
{
    public const string MetadataName = "maven-metadata.xml";
    public const string SnapshotSuffix = "-SNAPSHOT";

    /// <summary><c>maven-metadata.xml</c> or one of its companions (always overwritable).</summary>
    public static bool IsMetadata(string name) => name == MetadataName || name.StartsWith(MetadataName + ".", StringComparison.Ordinal);

    /// <summary>Why the file does not fit the layout, or null when it does.</summary>
    public static string? LayoutError(string path)
    {
        string[] segments = path.Split('/');
        string name = segments[^1];
        if (IsMetadata(name))
        {
            return segments.Length >= 2 ? null : "maven-metadata.xml belongs in an artifact or version folder (groupId/artifactId[/version])";
        }

        if (segments.Length < 4)
        {
            return $"'{path}' does not follow the Maven layout groupId/artifactId/version/artifactId-version[-classifier].ext";
        }

        string artifactId = segments[^3];
        string version = segments[^2];
        string baseVersion = BaseVersion(version);
        string expected = artifactId + "-" + baseVersion;
        return name.StartsWith(expected, StringComparison.Ordinal)
            ? null
            : $"file '{name}' in '{artifactId}/{version}' must be named {expected}[-classifier].ext (Maven layout)";
    }

    /// <summary>The file belongs to a release version (not a SNAPSHOT, not metadata), which must not be overwritten.</summary>
    public static bool IsReleaseFile(string path)
    {
        string[] segments = path.Split('/');
        return segments.Length >= 4 && !IsMetadata(segments[^1]) && !segments[^2].EndsWith(SnapshotSuffix, StringComparison.Ordinal);
    }

    /// <summary><c>1.0</c> for <c>1.0-SNAPSHOT</c>, the version itself otherwise.</summary>
    public static string BaseVersion(string version)
        => version.EndsWith(SnapshotSuffix, StringComparison.Ordinal) ? version[..^SnapshotSuffix.Length] : version;
}
