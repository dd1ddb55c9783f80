namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// Every statement the PostgreSQL metadata store runs, in one place. All are parameterised. Statements that read
/// what a write depends on lock it (<c>FOR KEY SHARE</c> / <c>FOR UPDATE</c>) so writers on several nodes stay correct
/// under READ COMMITTED.
/// </summary>
internal static partial class PostgresSql
{
    public const string RepositoryId = "SELECT id FROM repositories WHERE name = @Name";

    public const string TagsVersion = "SELECT tags_version FROM repositories WHERE name = @Name";

    /// <summary>
    /// Row-locks the repository until commit, so it runs last in a transaction: tag changes of one repository then
    /// commit one after another, and whoever holds this lock waits for nothing else (no deadlock through it).
    /// </summary>
    public const string BumpTagsVersion = "UPDATE repositories SET tags_version = tags_version + 1 WHERE id = @RepositoryId";

    /// <summary>Returns the id only when this call created the row; <see cref="RepositoryId"/> finds an existing one.</summary>
    public const string InsertRepository = """
        INSERT INTO repositories (name, created_at) VALUES (@Name, @Now) ON CONFLICT (name) DO NOTHING RETURNING id
        """;

    /// <summary>A blob being garbage-collected (<see cref="Gc.GcSql.NotDeleting"/>) is already unknown to clients.</summary>
    public const string RepositoryBlob = $"""
        SELECT b.size FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest
        WHERE rb.repository_id = (SELECT id FROM repositories WHERE name = @Name) AND rb.digest = @Digest AND {Gc.GcSql.NotDeleting}
        """;

    /// <summary>The link is share-locked so a concurrent unlink waits until the mount commits.</summary>
    public const string LockRepositoryBlob = $"""
        SELECT b.size FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest
        WHERE rb.repository_id = (SELECT id FROM repositories WHERE name = @Name) AND rb.digest = @Digest AND {Gc.GcSql.NotDeleting}
        FOR KEY SHARE OF rb
        """;

    public const string StoredBytes = "SELECT COALESCE(SUM(size), 0)::bigint FROM blobs";

    public const string InsertBlob = "INSERT INTO blobs (digest, size, created_at) VALUES (@Digest, @Size, @Now) ON CONFLICT (digest) DO NOTHING";

    public const string LinkBlob = """
        INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (@RepositoryId, @Digest, @Now)
        ON CONFLICT (repository_id, digest) DO NOTHING
        """;

    public const string UnlinkBlob = """
        DELETE FROM repository_blobs
        WHERE repository_id = (SELECT id FROM repositories WHERE name = @Name) AND digest = @Digest
        """;

    public const string ManifestColumns = "digest, media_type, size, artifact_type, subject_digest, annotations, created_at";

    public const string Manifest = $"""
        SELECT {ManifestColumns} FROM manifests
        WHERE repository_id = (SELECT id FROM repositories WHERE name = @Name) AND digest = @Digest
        """;

    /// <summary>Share-locks the manifest so a concurrent delete cannot remove it before a tag pointing at it commits.</summary>
    public const string LockManifest = "SELECT size FROM manifests WHERE repository_id = @RepositoryId AND digest = @Digest FOR KEY SHARE";

    /// <summary>Locks the manifest before its tags, the order a concurrent push takes them in, so the two never deadlock.</summary>
    public const string LockManifestForDelete = "SELECT 1 FROM manifests WHERE repository_id = @RepositoryId AND digest = @Digest FOR UPDATE";

    public const string ManifestByTag = """
        SELECT m.digest, m.media_type, m.size, m.artifact_type, m.subject_digest, m.annotations, m.created_at
        FROM repositories r
        JOIN tags t ON t.repository_id = r.id AND t.name = @Tag
        JOIN manifests m ON m.repository_id = r.id AND m.digest = t.manifest_digest
        WHERE r.name = @Name
        """;

    /// <summary>Which of the blobs are linked into the repository, and their sizes.</summary>
    public const string BlobSizes = $"""
        SELECT rb.digest, b.size FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest
        WHERE rb.repository_id = @RepositoryId AND rb.digest = ANY (@Digests) AND {Gc.GcSql.NotDeleting}
        """;

    public const string LockBlobSizes = $"{BlobSizes} FOR KEY SHARE OF rb";

    /// <summary>Which of the manifests are in the repository, and their sizes.</summary>
    public const string ManifestSizes = """
        SELECT digest, size FROM manifests WHERE repository_id = @RepositoryId AND digest = ANY (@Digests)
        """;

    public const string LockManifestSizes = $"{ManifestSizes} FOR KEY SHARE";

    /// <summary>Returns a row only when this call inserted the manifest (another node may have just done so).</summary>
    public const string InsertManifest = """
        INSERT INTO manifests (repository_id, digest, media_type, size, artifact_type, subject_digest, annotations, created_at)
        VALUES (@RepositoryId, @Digest, @MediaType, @Size, @ArtifactType, @Subject, @Annotations, @Now)
        ON CONFLICT (repository_id, digest) DO NOTHING
        RETURNING 1
        """;

    public const string InsertReferences = """
        INSERT INTO manifest_references (repository_id, manifest_digest, child_digest, kind)
        SELECT @RepositoryId, @ManifestDigest, child, kind FROM unnest(@ChildDigests, @Kinds) AS r (child, kind)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>Creates the tag; returns a row only when it did not exist (the new row stays locked until commit).</summary>
    public const string InsertTag = """
        INSERT INTO tags (repository_id, name, manifest_digest, updated_at) VALUES (@RepositoryId, @Tag, @Digest, @Now)
        ON CONFLICT (repository_id, name) DO NOTHING
        RETURNING 1
        """;

    public const string LockTag = "SELECT manifest_digest FROM tags WHERE repository_id = @RepositoryId AND name = @Tag FOR UPDATE";

    public const string UpdateTag = "UPDATE tags SET manifest_digest = @Digest, updated_at = @Now WHERE repository_id = @RepositoryId AND name = @Tag";

    public const string InsertTagHistory = """
        INSERT INTO tag_history (repository_id, tag, old_digest, new_digest, changed_at, actor, kind)
        VALUES (@RepositoryId, @Tag, @OldDigest, @NewDigest, @Now, @Actor, @Kind)
        """;

    /// <summary>Deletes the tag and records it (kind 2, deleted) in one statement; returns the digest it pointed at.</summary>
    public const string DeleteTag = """
        WITH gone AS (
            DELETE FROM tags WHERE repository_id = @RepositoryId AND name = @Tag RETURNING name, manifest_digest
        )
        INSERT INTO tag_history (repository_id, tag, old_digest, new_digest, changed_at, actor, kind)
        SELECT @RepositoryId, name, manifest_digest, NULL, @Now, @Actor, 2 FROM gone
        RETURNING old_digest
        """;

    /// <summary>Deletes every tag pointing at the manifest, recording each deletion (kind 2).</summary>
    public const string DeleteTagsOfManifest = """
        WITH gone AS (
            DELETE FROM tags WHERE repository_id = @RepositoryId AND manifest_digest = @Digest RETURNING name
        )
        INSERT INTO tag_history (repository_id, tag, old_digest, new_digest, changed_at, actor, kind)
        SELECT @RepositoryId, name, @Digest, NULL, @Now, @Actor, 2 FROM gone ORDER BY name
        """;

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

    /// <summary>Session-level lock every migrating process takes first, so the scripts run once (the key is arbitrary but fixed).</summary>
    public const string LockMigrations = "SELECT pg_advisory_lock(@Key)";

    public const string UnlockMigrations = "SELECT pg_advisory_unlock(@Key)";

    public const string MigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)
        """;

    public const string AppliedMigrations = "SELECT version FROM schema_migrations";

    public const string RecordMigration = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @Now)";
}
