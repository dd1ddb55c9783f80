namespace Registry.Core.Artifacts;

/// <summary>
/// One version of an artifact, the unit retention decides on: the files of one version folder. In a Maven repository
/// the artifact is <c>group/path/artifactId</c> and the version the folder below it; in a generic repository the
/// artifact is the folder above the version folder (the layout <c>name/version/files</c>).
/// </summary>
public sealed record ArtifactVersion(string Artifact, string Version, IReadOnlyList<ArtifactFile> Files)
{
    /// <summary>The version folder.</summary>
    public string Folder => Artifact.Length == 0 ? Version : Artifact + "/" + Version;

    /// <summary>When a file of the version was last deployed.</summary>
    public DateTimeOffset PushedAt => Files.Max(f => f.ModifiedAt);

    public long Bytes => Files.Sum(f => f.Content.Size);

    /// <summary>
    /// Groups files into versions. A version folder is a folder holding files, below at least one artifact folder;
    /// in a Maven repository it must also be at the layout's depth (group/artifact/version) and hold more than
    /// <c>maven-metadata.xml</c> (or be a SNAPSHOT folder), so the artifact-level metadata is never a version; in an
    /// npm, PyPI or NuGet repository it is a folder of <see cref="Packages.PackageLayout.IsVersionFolder"/>. Files
    /// at the repository root and in artifact folders are never retention's to delete.
    /// </summary>
    public static IReadOnlyList<ArtifactVersion> Group(ArtifactRepositoryType type, IEnumerable<ArtifactFile> files)
    {
        var byFolder = new SortedDictionary<string, List<ArtifactFile>>(StringComparer.Ordinal);
        foreach (ArtifactFile file in files)
        {
            int slash = file.Path.LastIndexOf('/');
            if (slash < 0)
            {
                continue;
            }

            string folder = file.Path[..slash];
            if (!byFolder.TryGetValue(folder, out List<ArtifactFile>? list))
            {
                byFolder[folder] = list = [];
            }

            list.Add(file);
        }

        var versions = new List<ArtifactVersion>();
        foreach ((string folder, List<ArtifactFile> held) in byFolder)
        {
            int slash = folder.LastIndexOf('/');
            string version = folder[(slash + 1)..];
            bool isVersion = Packages.PackageLayout.IsPackageType(type) ? Packages.PackageLayout.IsVersionFolder(type, folder)
                : type != ArtifactRepositoryType.Maven
                || (folder.Count(c => c == '/') >= 2
                    && (version.EndsWith(MavenLayout.SnapshotSuffix, StringComparison.Ordinal) || held.Exists(f => !MavenLayout.IsMetadata(f.Name))));
            if (isVersion)
            {
                versions.Add(new ArtifactVersion(slash < 0 ? string.Empty : folder[..slash], version, held));
            }
        }

        return versions;
    }
}
