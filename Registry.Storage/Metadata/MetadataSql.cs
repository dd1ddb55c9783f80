namespace Registry.Storage.Metadata;

/// <summary>
/// The statements on repositories, blobs, manifests, tags, uploads, leases and migrations that read the same in SQLite
/// and PostgreSQL. All are parameterised. What differs (creating a repository or a tag and learning whether this call
/// did, batch inserts, PostgreSQL's row locks, the migration lock) stays in <c>SqliteSql</c> and <c>PostgresSql</c>.
/// </summary>
internal static class MetadataSql
{
    public const string RepositoryId = "SELECT id FROM repositories WHERE name = @Name";

    public const string TagsVersion = "SELECT tags_version FROM repositories WHERE name = @Name";

    /// <summary>
    /// In PostgreSQL this row-locks the repository until commit, so it runs last in a transaction: tag changes of one
    /// repository then commit one after another, and whoever holds this lock waits for nothing else (no deadlock through it).
    /// </summary>
    public const string BumpTagsVersion = "UPDATE repositories SET tags_version = tags_version + 1 WHERE id = @RepositoryId";

    /// <summary>A blob being garbage-collected (<see cref="Gc.GcSql.NotDeleting"/>) is already unknown to clients.</summary>
    public const string RepositoryBlob = $"""
        SELECT b.size FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest
        WHERE rb.repository_id = (SELECT id FROM repositories WHERE name = @Name) AND rb.digest = @Digest AND {Gc.GcSql.NotDeleting}
        """;

    public const string StoredBytes = "SELECT CAST(COALESCE(SUM(size), 0) AS bigint) FROM blobs";

    public const string InsertBlob = "INSERT INTO blobs (digest, size, created_at) VALUES (@Digest, @Size, @Now) ON CONFLICT (digest) DO NOTHING";

    public const string LinkBlob = """
        INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (@RepositoryId, @Digest, @Now)
        ON CONFLICT (repository_id, digest) DO NOTHING
        """;

    public const string UnlinkBlob = """
        DELETE FROM repository_blobs
        WHERE repository_id = (SELECT id FROM repositories WHERE name = @Name) AND digest = @Digest
        """;

    /// <summary>Keyset page over the repository's blob links (its primary key), by digest.</summary>
    public const string RepositoryBlobPage = """
        SELECT rb.digest FROM repository_blobs rb
        WHERE rb.repository_id = (SELECT id FROM repositories WHERE name = @Name) AND rb.digest > @After
        ORDER BY rb.digest
        LIMIT @Limit
        """;

    public const string ManifestColumns = "digest, media_type, size, artifact_type, subject_digest, annotations, created_at";

    public const string Manifest = $"""
        SELECT {ManifestColumns} FROM manifests
        WHERE repository_id = (SELECT id FROM repositories WHERE name = @Name) AND digest = @Digest
        """;

    public const string ManifestByTag = """
        SELECT m.digest, m.media_type, m.size, m.artifact_type, m.subject_digest, m.annotations, m.created_at
        FROM repositories r
        JOIN tags t ON t.repository_id = r.id AND t.name = @Tag
        JOIN manifests m ON m.repository_id = r.id AND m.digest = t.manifest_digest
        WHERE r.name = @Name
        """;

    public const string InsertTagHistory = """
        INSERT INTO tag_history (repository_id, tag, old_digest, new_digest, changed_at, actor, kind)
        VALUES (@RepositoryId, @Tag, @OldDigest, @NewDigest, @Now, @Actor, @Kind)
        """;

    /// <summary>PostgreSQL reads it after locking the manifest FOR UPDATE, so no tag can be pointed at it meanwhile.</summary>
    public const string TagsOfManifest = "SELECT name FROM tags WHERE repository_id = @RepositoryId AND manifest_digest = @Digest ORDER BY name";

    public const string DeleteReferences = "DELETE FROM manifest_references WHERE repository_id = @RepositoryId AND manifest_digest = @Digest";

    public const string DeleteManifest = "DELETE FROM manifests WHERE repository_id = @RepositoryId AND digest = @Digest";

    /// <summary>Keyset page over the (repository_id, name) primary key; ALL rows when @Limit is null.</summary>
    public const string TagPage = """
        SELECT name FROM tags WHERE repository_id = @RepositoryId AND name > @Last ORDER BY name LIMIT @Limit
        """;

    /// <summary>Keyset page over the unique name index; ALL rows when @Limit is null.</summary>
    public const string RepositoryPage = "SELECT name FROM repositories WHERE name > @Last ORDER BY name LIMIT @Limit";

    public const string Referrers = $"""
        SELECT {ManifestColumns} FROM manifests
        WHERE repository_id = (SELECT id FROM repositories WHERE name = @Name) AND subject_digest = @Subject
        ORDER BY created_at, digest
        """;

    public const string ReferrersOfType = $"""
        SELECT {ManifestColumns} FROM manifests
        WHERE repository_id = (SELECT id FROM repositories WHERE name = @Name) AND subject_digest = @Subject
          AND artifact_type = @ArtifactType
        ORDER BY created_at, digest
        """;

    public const string InsertUpload = "INSERT INTO uploads (id, repository, started_at) VALUES (@Id, @Repository, @StartedAt)";

    public const string Upload = "SELECT id, repository, started_at FROM uploads WHERE id = @Id";

    public const string DeleteUpload = "DELETE FROM uploads WHERE id = @Id";

    public const string ExpiredUploads = "DELETE FROM uploads WHERE started_at < @Before RETURNING id";

    /// <summary>
    /// Inserts or takes over the lease when it is free, expired or already the holder's; one row affected means held.
    /// Concurrent callers queue on the row, and each sees the previous winner's row when its turn comes.
    /// </summary>
    public const string AcquireLease = """
        INSERT INTO leases (name, holder, expires_at) VALUES (@Name, @Holder, @Until)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE leases.holder = excluded.holder OR leases.expires_at <= @Now
        """;

    public const string ReleaseLease = "DELETE FROM leases WHERE name = @Name AND holder = @Holder";

    public const string AppliedMigrations = "SELECT version FROM schema_migrations";

    public const string RecordMigration = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @Now)";

    /// <summary>SQLite reads these types as INTEGER, TEXT and INTEGER (<c>version</c> is the rowid).</summary>
    public const string MigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)
        """;
}
