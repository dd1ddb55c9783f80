using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>Artifactory's JSON shapes for files, folders, properties and search results (repositories: <see cref="RepositoryConfigJson"/>).</summary>
internal static class ArtifactJson
{
    public static object Checksums(ArtifactChecksums content) => new { sha1 = content.Sha1, md5 = content.Md5, sha256 = content.Sha256 };

    /// <summary>
    /// A file as the storage API and a deploy describe it. Checksums a client sent were verified to be equal to the
    /// computed ones, so the original checksums are those.
    /// </summary>
    public static object File(HttpContext context, ArtifactFile file) => new
    {
        repo = file.Repository,
        path = "/" + file.Path,
        created = ArtifactResults.Date(file.CreatedAt),
        createdBy = file.CreatedBy,
        lastModified = ArtifactResults.Date(file.ModifiedAt),
        modifiedBy = file.ModifiedBy,
        lastUpdated = ArtifactResults.Date(file.ModifiedAt),
        downloadUri = ArtifactServices.DownloadUri(context, file.Repository, file.Path),
        mimeType = file.MimeType ?? ArtifactMimeTypes.Default,
        size = file.Content.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        checksums = Checksums(file.Content),
        originalChecksums = Checksums(file.Content),
        uri = ArtifactServices.StorageUri(context, file.Repository, file.Path),
    };

    /// <summary>A folder: its immediate children (files and sub-folders), dated by the newest file under it.</summary>
    public static object Folder(HttpContext context, string repository, string path, IReadOnlyList<ArtifactFile> files)
    {
        int start = path.Length == 0 ? 0 : path.Length + 1;
        var children = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (ArtifactFile file in files)
        {
            int slash = file.Path.IndexOf('/', start);
            children[slash < 0 ? file.Path[start..] : file.Path[start..slash]] = slash >= 0;
        }

        ArtifactFile? oldest = files.Count == 0 ? null : files.MinBy(f => f.CreatedAt);
        ArtifactFile? newest = files.Count == 0 ? null : files.MaxBy(f => f.ModifiedAt);
        return new
        {
            repo = repository,
            path = "/" + path,
            created = oldest is null ? null : ArtifactResults.Date(oldest.CreatedAt),
            createdBy = oldest?.CreatedBy,
            lastModified = newest is null ? null : ArtifactResults.Date(newest.ModifiedAt),
            modifiedBy = newest?.ModifiedBy,
            lastUpdated = newest is null ? null : ArtifactResults.Date(newest.ModifiedAt),
            children = children.Select(c => new { uri = "/" + c.Key, folder = c.Value }).ToList(),
            uri = ArtifactServices.StorageUri(context, repository, path),
        };
    }

    /// <summary><c>{"properties":{"name":["value",...]},"uri":...}</c>, limited to the names asked for when any.</summary>
    public static object Properties(HttpContext context, ArtifactFile file, IReadOnlyCollection<string>? names) => new
    {
        properties = file.Properties
            .Where(p => names is null || names.Contains(p.Name))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Value).ToList(), StringComparer.Ordinal),
        uri = ArtifactServices.StorageUri(context, file.Repository, file.Path),
    };

    public static object SearchResults(HttpContext context, IEnumerable<ArtifactFile> files) => new
    {
        results = files.Select(f => new
        {
            uri = ArtifactServices.StorageUri(context, f.Repository, f.Path),
            downloadUri = ArtifactServices.DownloadUri(context, f.Repository, f.Path),
        }).ToList(),
    };
}
