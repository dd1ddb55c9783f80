namespace Registry.Storage.Metadata.Replication;

/// <summary>The statements of unfinished replication uploads, the same in SQLite and PostgreSQL.</summary>
internal static class ReplicationUploadSql
{
    public const string Upload = $"""
        SELECT {ReplicationUploadRow.Columns} FROM replication_uploads
        WHERE rule = @Rule AND repository = @Repository AND digest = @Digest
        """;

    public const string Uploads = $"SELECT {ReplicationUploadRow.Columns} FROM replication_uploads WHERE rule = @Rule ORDER BY repository, digest";

    public const string Save = $"""
        INSERT INTO replication_uploads ({ReplicationUploadRow.Columns})
        VALUES (@Rule, @Repository, @Digest, @Size, @Location, @Confirmed, @SavedAt)
        ON CONFLICT (rule, repository, digest) DO UPDATE SET
            size = excluded.size, location = excluded.location, confirmed = excluded.confirmed, saved_at = excluded.saved_at
        """;

    public const string Delete = "DELETE FROM replication_uploads WHERE rule = @Rule AND repository = @Repository AND digest = @Digest";

    public const string DeleteForRule = "DELETE FROM replication_uploads WHERE rule = @Name";
}
