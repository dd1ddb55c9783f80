using Registry.Core.Artifacts;
using Registry.Core.Primitives;

namespace Registry.Storage.Metadata.Artifacts;

/// <summary>Rows and parameters the artifact statements of both backends share.</summary>
internal static class ArtifactRows
{
    /// <summary>Above every character a path can hold: the upper bound of "the whole repository".</summary>
    private const string AfterEverything = "\U0010FFFF";

    /// <summary>Settable properties, so Dapper converts SQLite's integers and PostgreSQL's booleans alike.</summary>
    public sealed class RepositoryRow
    {
        public string Key { get; init; } = string.Empty;

        public int Type { get; init; }

        public bool AllowRedeploy { get; init; }

        public string? Description { get; init; }

        public long CreatedAt { get; init; }

        public string CreatedBy { get; init; } = string.Empty;

        public int Class { get; init; }

        public string? Settings { get; init; }

        public ArtifactRepository ToRepository() => RepositorySettingsJson.Read(
            new(Key, (ArtifactRepositoryType)Type, AllowRedeploy, Description, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), CreatedBy)
            {
                Class = (RepositoryClass)Class,
            },
            Settings);
    }

    public sealed record FileRow(string Repository, string Path, string Digest, long Size, string Sha1, string Md5, string? MimeType,
        long CreatedAt, string CreatedBy, long ModifiedAt, string ModifiedBy)
    {
        public ArtifactFile ToFile(IReadOnlyList<ArtifactProperty>? properties = null) => new(Repository, Path,
            new ArtifactChecksums(Core.Primitives.Digest.Parse(Digest), Size, Sha1, Md5), MimeType,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(ModifiedAt), ModifiedBy,
            properties ?? []);
    }

    public sealed record ContentRow(string Digest, long Size, string Sha1, string Md5)
    {
        public ArtifactChecksums ToChecksums() => new(Core.Primitives.Digest.Parse(Digest), Size, Sha1, Md5);
    }

    public sealed record PropertyRow(string Path, string Name, string Value);

    /// <summary>The path itself and the range of paths under it as a folder ("a/b/" up to "a/b0"; the whole repository for the root).</summary>
    public static object Target(string repository, string path)
        => path.Length == 0
            ? new { Repository = repository, Path = path, Prefix = string.Empty, Upper = AfterEverything }
            : new { Repository = repository, Path = path, Prefix = path + "/", Upper = path + "0" };

    public static object NewRepository(ArtifactRepository r)
        => new
        {
            r.Key,
            Type = (int)r.Type,
            r.AllowRedeploy,
            r.Description,
            CreatedAt = r.CreatedAt.ToUnixTimeMilliseconds(),
            r.CreatedBy,
            Class = (int)r.Class,
            Settings = RepositorySettingsJson.Write(r),
        };

    /// <summary>What an update may change: the redeploy flag, the description and the remote or virtual settings.</summary>
    public static object ChangedRepository(ArtifactRepository r)
        => new { r.Key, r.AllowRedeploy, r.Description, Settings = RepositorySettingsJson.Write(r) };

    public static object NewFile(ArtifactFileWrite w, long now) => new
    {
        w.Repository,
        w.Path,
        Name = w.Path[(w.Path.LastIndexOf('/') + 1)..],
        Digest = w.Content.Digest.Value,
        w.Content.Size,
        Sha1 = w.Content.Sha1.ToLowerInvariant(),
        Md5 = w.Content.Md5.ToLowerInvariant(),
        w.MimeType,
        Now = now,
        w.Actor,
    };

    /// <summary>The folders above the path ("a", "a/b" for "a/b/c"), none of which may be a file.</summary>
    public static string[] Ancestors(string path)
    {
        var ancestors = new List<string>();
        for (int slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            ancestors.Add(path[..slash]);
        }

        return [.. ancestors];
    }

    /// <summary>Checksum value as stored: sha256 as the blob digest, the others as lowercase hex.</summary>
    public static string StoredChecksum(ChecksumKind kind, string value)
        => kind == ChecksumKind.Sha256 ? "sha256:" + value.ToLowerInvariant() : value.ToLowerInvariant();

    public static IReadOnlyList<ArtifactFile> AttachProperties(IEnumerable<FileRow> files, IEnumerable<PropertyRow> properties)
    {
        ILookup<string, ArtifactProperty> byPath = properties.ToLookup(p => p.Path, p => new ArtifactProperty(p.Name, p.Value), StringComparer.Ordinal);
        return [.. files.Select(f => f.ToFile([.. byPath[f.Path]]))];
    }

    public static ArtifactPutStatus Outcome(bool existed) => existed ? ArtifactPutStatus.Replaced : ArtifactPutStatus.Created;

    /// <summary>The target's parameters plus <c>@Name</c> (and <c>@Value</c>).</summary>
    public static Dapper.DynamicParameters WithName(object target, string name, string? value = null)
    {
        var parameters = new Dapper.DynamicParameters(target);
        parameters.Add("Name", name);
        if (value is not null)
        {
            parameters.Add("Value", value);
        }

        return parameters;
    }

    /// <summary>The target's parameters plus the array <c>@Names</c>.</summary>
    public static Dapper.DynamicParameters WithNames(object target, IReadOnlyList<string> names)
    {
        var parameters = new Dapper.DynamicParameters(target);
        parameters.Add("Names", names.ToArray());
        return parameters;
    }
}
