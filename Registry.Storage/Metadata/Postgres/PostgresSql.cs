namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The PostgreSQL-only statements on repositories, manifests, tags and migrations (<see cref="MetadataSql"/> has the
/// shared ones). Statements that read what a write depends on lock it (<c>FOR KEY SHARE</c> / <c>FOR UPDATE</c>) so
/// writers on several nodes stay correct under READ COMMITTED.
/// </summary>
internal static partial class PostgresSql
{
    /// <summary>Returns the id only when this call created the row; <see cref="MetadataSql.RepositoryId"/> finds an existing one.</summary>
    public const string InsertRepository = """
        INSERT INTO repositories (name, created_at) VALUES (@Name, @Now) ON CONFLICT (name) DO NOTHING RETURNING id
        """;

    /// <summary>The link is share-locked so a concurrent unlink waits until the mount commits.</summary>
    public const string LockRepositoryBlob = $"""
        SELECT b.size FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest
        WHERE rb.repository_id = (SELECT id FROM repositories WHERE name = @Name) AND rb.digest = @Digest AND {Gc.GcSql.NotDeleting}
        FOR KEY SHARE OF rb
        """;

    /// <summary>Share-locks the manifest so a concurrent delete cannot remove it before a tag pointing at it commits.</summary>
    public const string LockManifest = "SELECT size FROM manifests WHERE repository_id = @RepositoryId AND digest = @Digest FOR KEY SHARE";

    /// <summary>Locks the manifest before its tags, the order a concurrent push takes them in, so the two never deadlock.</summary>
    public const string LockManifestForDelete = "SELECT 1 FROM manifests WHERE repository_id = @RepositoryId AND digest = @Digest FOR UPDATE";

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

    /// <summary>Session-level lock every migrating process takes first, so the scripts run once (the key is arbitrary but fixed).</summary>
    public const string LockMigrations = "SELECT pg_advisory_lock(@Key)";

    public const string UnlockMigrations = "SELECT pg_advisory_unlock(@Key)";
}
