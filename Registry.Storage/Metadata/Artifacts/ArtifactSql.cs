using Registry.Core.Artifacts;

namespace Registry.Storage.Metadata.Artifacts;

/// <summary>
/// The artifact statements SQLite and PostgreSQL share (standard SQL with <c>ON CONFLICT</c>).
/// The two dialects differ only in list membership and case-insensitive name search, chosen by the <c>pg</c> flag
/// (<see cref="ArtifactDialectSql"/> binds them once per store). "Under a folder" is the index range <c>path &gt;= 'f/' AND path &lt; 'f0'</c>.
/// </summary>
internal static class ArtifactSql
{
    public const string RepositoryColumns = "key AS Key, type AS Type, allow_redeploy AS AllowRedeploy, description AS Description, created_at AS CreatedAt, created_by AS CreatedBy, rclass AS Class, settings AS Settings";

    public const string FileColumns = """
        f.repository AS Repository, f.path AS Path, f.digest AS Digest, f.size AS Size, f.sha1 AS Sha1, f.md5 AS Md5,
        f.mime_type AS MimeType, f.created_at AS CreatedAt, f.created_by AS CreatedBy, f.modified_at AS ModifiedAt, f.modified_by AS ModifiedBy
        """;

    private const string UnderTarget = "(path >= @Prefix AND path < @Upper)";
    private const string AtOrUnderTarget = $"(path = @Path OR {UnderTarget})";

    public const string InsertRepository = """
        INSERT INTO artifact_repositories (key, type, allow_redeploy, description, created_at, created_by, rclass, settings)
        VALUES (@Key, @Type, @AllowRedeploy, @Description, @CreatedAt, @CreatedBy, @Class, @Settings) ON CONFLICT (key) DO NOTHING
        """;

    public const string Repository = $"SELECT {RepositoryColumns} FROM artifact_repositories WHERE key = @Key";

    public const string Repositories = $"SELECT {RepositoryColumns} FROM artifact_repositories ORDER BY key";

    public const string UpdateRepository = "UPDATE artifact_repositories SET allow_redeploy = @AllowRedeploy, description = @Description, settings = @Settings WHERE key = @Key";

    public const string DeleteRepositoryProperties = "DELETE FROM artifact_properties WHERE repository = @Key";

    public const string DeleteRepositoryRetention = "DELETE FROM artifact_retention WHERE repository = @Key";

    public const string RetentionPolicy = $"SELECT {ArtifactRetentionRow.Columns} FROM artifact_retention WHERE repository = @Key";

    /// <summary>Replacing a policy keeps when it last ran on schedule.</summary>
    public const string UpsertRetentionPolicy = """
        INSERT INTO artifact_retention (repository, rules, keep_properties, updated_by, updated_at, schedule, enabled)
        SELECT key, @Rules, @KeepProperties, @UpdatedBy, @UpdatedAt, @Schedule, @Enabled FROM artifact_repositories WHERE key = @Key
        ON CONFLICT (repository) DO UPDATE SET rules = excluded.rules, keep_properties = excluded.keep_properties,
            updated_by = excluded.updated_by, updated_at = excluded.updated_at, schedule = excluded.schedule, enabled = excluded.enabled
        """;

    /// <summary>Deletes the repository's files, returning each one's digest (for the garbage collection queue).</summary>
    public const string DeleteRepositoryFiles = "DELETE FROM artifact_files WHERE repository = @Key RETURNING digest";

    /// <summary>The digests the repository's files use: a delete locks them first (PostgreSQL).</summary>
    public const string RepositoryDigests = "SELECT DISTINCT digest FROM artifact_files WHERE repository = @Key";

    /// <summary>The file's digest (what a replacement may leave unreferenced).</summary>
    public const string FileDigest = "SELECT digest FROM artifact_files WHERE repository = @Repository AND path = @Path";

    public const string DeleteRepository = "DELETE FROM artifact_repositories WHERE key = @Key";

    public const string File = $"SELECT {FileColumns} FROM artifact_files f WHERE f.repository = @Repository AND f.path = @Path";

    public const string FileProperties = "SELECT path AS Path, name AS Name, value AS Value FROM artifact_properties WHERE repository = @Repository AND path = @Path ORDER BY name, value";

    public const string FilesUnder = $"SELECT {FileColumns} FROM artifact_files f WHERE f.repository = @Repository AND {UnderTarget} ORDER BY f.path";

    public const string PropertiesUnder = $"SELECT path AS Path, name AS Name, value AS Value FROM artifact_properties WHERE repository = @Repository AND {UnderTarget} ORDER BY path, name, value";

    public const string FolderExists = $"SELECT EXISTS (SELECT 1 FROM artifact_files WHERE repository = @Repository AND {UnderTarget})";

    public static string AncestorIsFile(bool pg) => $"SELECT EXISTS (SELECT 1 FROM artifact_files WHERE repository = @Repository AND path {In(pg, "Ancestors")})";

    public const string InsertFile = """
        INSERT INTO artifact_files (repository, path, name, digest, size, sha1, md5, mime_type, created_at, created_by, modified_at, modified_by)
        VALUES (@Repository, @Path, @Name, @Digest, @Size, @Sha1, @Md5, @MimeType, @Now, @Actor, @Now, @Actor)
        ON CONFLICT (repository, path) DO NOTHING
        """;

    public const string ReplaceFile = """
        UPDATE artifact_files SET digest = @Digest, size = @Size, sha1 = @Sha1, md5 = @Md5, mime_type = @MimeType,
            modified_at = @Now, modified_by = @Actor
        WHERE repository = @Repository AND path = @Path
        """;

    public const string InsertBlob = "INSERT INTO blobs (digest, size, created_at) VALUES (@Digest, @Size, @Now) ON CONFLICT (digest) DO NOTHING";

    public const string DeleteFileProperties = "DELETE FROM artifact_properties WHERE repository = @Repository AND path = @Path";

    public const string InsertProperty = "INSERT INTO artifact_properties (repository, path, name, value) VALUES (@Repository, @Path, @Name, @Value) ON CONFLICT DO NOTHING";

    public const string CountTargetFiles = $"SELECT COUNT(*) FROM artifact_files WHERE repository = @Repository AND {AtOrUnderTarget}";

    public const string DeleteTargetProperties = $"DELETE FROM artifact_properties WHERE repository = @Repository AND {AtOrUnderTarget}";

    /// <summary>Deletes the file or the folder's files, returning each one's digest (for the garbage collection queue).</summary>
    public const string DeleteTargetFiles = $"DELETE FROM artifact_files WHERE repository = @Repository AND {AtOrUnderTarget} RETURNING digest";

    /// <summary>The digests the file or the folder's files use: a delete locks them first (PostgreSQL).</summary>
    public const string TargetDigests = $"SELECT DISTINCT digest FROM artifact_files WHERE repository = @Repository AND {AtOrUnderTarget}";

    public const string DeleteTargetProperty = $"DELETE FROM artifact_properties WHERE repository = @Repository AND {AtOrUnderTarget} AND name = @Name";

    public const string SetTargetProperty = $"""
        INSERT INTO artifact_properties (repository, path, name, value)
        SELECT repository, path, @Name, @Value FROM artifact_files WHERE repository = @Repository AND {AtOrUnderTarget}
        ON CONFLICT DO NOTHING
        """;

    public static string CountTargetFilesWithProperties(bool pg) => $"SELECT COUNT(DISTINCT path) FROM artifact_properties WHERE repository = @Repository AND {AtOrUnderTarget} AND name {In(pg, "Names")}";

    public static string DeleteTargetNamedProperties(bool pg) => $"DELETE FROM artifact_properties WHERE repository = @Repository AND {AtOrUnderTarget} AND name {In(pg, "Names")}";

    public const string BlobReferenced = "SELECT EXISTS (SELECT 1 FROM artifact_files WHERE digest = @Digest)";

    public static string Content(ChecksumKind kind) => $"SELECT digest AS Digest, size AS Size, sha1 AS Sha1, md5 AS Md5 FROM artifact_files WHERE {Column(kind)} = @Value LIMIT 1";

    public static string ByChecksum(bool pg, ChecksumKind kind, bool inRepositories)
        => $"SELECT {FileColumns} FROM artifact_files f WHERE f.{Column(kind)} = @Value {InRepositories(pg, inRepositories)} ORDER BY f.repository, f.path LIMIT @Limit";

    /// <summary>Files whose name matches <c>@Pattern</c> (LIKE syntax, <c>\</c> escapes), ignoring case.</summary>
    public static string ByName(bool pg, bool inRepositories)
        => $"SELECT {FileColumns} FROM artifact_files f WHERE {(pg ? "lower(f.name) LIKE lower(@Pattern)" : "f.name LIKE @Pattern")} ESCAPE '\\' {InRepositories(pg, inRepositories)} ORDER BY f.repository, f.path LIMIT @Limit";

    /// <summary>Files that have every property filter (<c>@N0</c>, optionally <c>IN @V0</c>, ...).</summary>
    public static string ByProperties(bool pg, IReadOnlyList<PropertyFilter> filters, bool inRepositories)
    {
        var sql = new System.Text.StringBuilder($"SELECT {FileColumns} FROM artifact_files f WHERE 1 = 1 {InRepositories(pg, inRepositories)}");
        for (int i = 0; i < filters.Count; i++)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM artifact_properties p WHERE p.repository = f.repository AND p.path = f.path AND p.name = @N{i}");
            sql.Append(filters[i].Values.Count > 0 ? $" AND p.value {In(pg, "V" + i)})" : ")");
        }

        return sql.Append(" ORDER BY f.repository, f.path LIMIT @Limit").ToString();
    }

    public static Dapper.DynamicParameters PropertyParameters(IReadOnlyList<PropertyFilter> filters, IReadOnlyList<string>? repositories, int limit)
    {
        var parameters = new Dapper.DynamicParameters(new { Limit = limit });
        if (repositories is not null)
        {
            parameters.Add("Repositories", repositories.ToArray());
        }

        for (int i = 0; i < filters.Count; i++)
        {
            parameters.Add($"N{i}", filters[i].Name);
            if (filters[i].Values.Count > 0)
            {
                parameters.Add($"V{i}", filters[i].Values.ToArray());
            }
        }

        return parameters;
    }

    private static string InRepositories(bool pg, bool inRepositories) => inRepositories ? $"AND f.repository {In(pg, "Repositories")}" : string.Empty;

    private static string In(bool pg, string parameter) => DialectSql.In(pg, parameter);

    private static string Column(ChecksumKind kind) => kind switch
    {
        ChecksumKind.Sha256 => "digest",
        ChecksumKind.Sha1 => "sha1",
        _ => "md5",
    };
}
