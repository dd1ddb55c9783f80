namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// The SQLite-only statements on repositories, manifests and tags (<see cref="MetadataSql"/> has the shared ones).
/// Writes run one at a time under the store's write gate, so an upsert or a read before a write needs no lock.
/// </summary>
internal static partial class SqliteSql
{
    public const string EnsureRepository = """
        INSERT INTO repositories (name, created_at) VALUES (@Name, @Now) ON CONFLICT (name) DO NOTHING;
        SELECT id FROM repositories WHERE name = @Name;
        """;

    public const string RepositoryBlobById = $"""
        SELECT b.size FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest
        WHERE rb.repository_id = @RepositoryId AND rb.digest = @Digest AND {Gc.GcSql.NotDeleting}
        """;

    public const string ManifestSizeById = "SELECT size FROM manifests WHERE repository_id = @RepositoryId AND digest = @Digest";

    public const string InsertManifest = """
        INSERT INTO manifests (repository_id, digest, media_type, size, artifact_type, subject_digest, annotations, created_at)
        VALUES (@RepositoryId, @Digest, @MediaType, @Size, @ArtifactType, @Subject, @Annotations, @Now)
        """;

    public const string InsertReference = """
        INSERT INTO manifest_references (repository_id, manifest_digest, child_digest, kind)
        VALUES (@RepositoryId, @ManifestDigest, @ChildDigest, @Kind) ON CONFLICT DO NOTHING
        """;

    public const string UpsertTag = """
        INSERT INTO tags (repository_id, name, manifest_digest, updated_at) VALUES (@RepositoryId, @Tag, @Digest, @Now)
        ON CONFLICT (repository_id, name) DO UPDATE SET manifest_digest = excluded.manifest_digest, updated_at = excluded.updated_at
        """;
}
