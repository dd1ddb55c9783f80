namespace Registry.Storage.Metadata.Retention;

/// <summary>
/// The retention statements that read the same in SQLite and PostgreSQL (both stores use them); what differs (how a
/// set of manifests or digests is passed) is in <c>SqliteSql.Retention</c> and <c>PostgresSql.Retention</c>. Optional
/// parameters are typed with <c>CAST</c> and compared NULL-safe with <c>IS NOT DISTINCT FROM</c>, which both read.
/// </summary>
internal static class RetentionSql
{
    public const string InsertPolicy = """
        INSERT INTO retention_policies (name, description, enabled, repositories, rules, untagged_older_than, schedule,
                                        created_by, created_at, updated_by, updated_at)
        VALUES (@Name, @Description, @Enabled, @Repositories, @Rules, @UntaggedOlderThan, @Schedule, @CreatedBy, @CreatedAt, @UpdatedBy, @UpdatedAt)
        ON CONFLICT (name) DO NOTHING
        RETURNING id
        """;

    public const string PolicyExists = "SELECT 1 FROM retention_policies WHERE id = @Id";

    public const string PolicyNameTaken = "SELECT 1 FROM retention_policies WHERE name = @Name AND id <> @Id";

    public const string UpdatePolicy = """
        UPDATE retention_policies SET name = @Name, description = @Description, enabled = @Enabled, repositories = @Repositories,
            rules = @Rules, untagged_older_than = @UntaggedOlderThan, schedule = @Schedule, updated_by = @UpdatedBy, updated_at = @UpdatedAt
        WHERE id = @Id
        """;

    public const string PolicyById = $"SELECT {RetentionPolicyRow.Columns} FROM retention_policies WHERE id = @Id";

    public const string PolicyByName = $"SELECT {RetentionPolicyRow.Columns} FROM retention_policies WHERE name = @Name";

    public const string Policies = $"SELECT {RetentionPolicyRow.Columns} FROM retention_policies ORDER BY id";

    public const string DeletePolicy = "DELETE FROM retention_policies WHERE id = @Id";

    public const string SnapshotTags = """
        SELECT t.name AS Name, t.manifest_digest AS Digest, t.updated_at AS PushedAt, p.last_pulled_at AS PulledAt
        FROM tags t LEFT JOIN pull_stats p ON p.repository_id = t.repository_id AND p.digest = t.manifest_digest
        WHERE t.repository_id = @RepositoryId
        """;

    public const string SnapshotManifests = """
        SELECT digest AS Digest, media_type AS MediaType, size AS Size, subject_digest AS Subject, created_at AS CreatedAt
        FROM manifests WHERE repository_id = @RepositoryId
        """;

    public const string SnapshotChildren = """
        SELECT manifest_digest AS Manifest, child_digest AS Child FROM manifest_references WHERE repository_id = @RepositoryId AND kind = 1
        """;

    /// <summary>
    /// Follows a CTE <c>deleted (repository_id, digest)</c> of the deleted manifests: their own bytes and the blobs they
    /// reference that no manifest outside the set is or references, in any repository.
    /// </summary>
    public const string FreedBlobsOfDeleted = """
        candidates AS (
            SELECT digest FROM deleted
            UNION
            SELECT mr.child_digest FROM deleted d
            JOIN manifest_references mr ON mr.repository_id = d.repository_id AND mr.manifest_digest = d.digest AND mr.kind = 0
        )
        SELECT b.digest AS Digest, b.size AS Size FROM candidates c JOIN blobs b ON b.digest = c.digest
        WHERE NOT EXISTS (
                SELECT 1 FROM manifests m WHERE m.digest = c.digest
                AND NOT EXISTS (SELECT 1 FROM deleted d WHERE d.repository_id = m.repository_id AND d.digest = m.digest))
          AND NOT EXISTS (
                SELECT 1 FROM manifest_references mr WHERE mr.child_digest = c.digest
                AND NOT EXISTS (SELECT 1 FROM deleted d WHERE d.repository_id = mr.repository_id AND d.digest = mr.manifest_digest))
        ORDER BY b.digest
        """;

    /// <summary>Follows a FROM item <c>x (digest)</c> of the digests to check.</summary>
    public const string DigestsInUse = """
        WHERE EXISTS (SELECT 1 FROM manifests m WHERE m.digest = x.digest)
           OR EXISTS (SELECT 1 FROM manifest_references mr WHERE mr.child_digest = x.digest)
        """;

    public const string InsertRun = """
        INSERT INTO retention_runs (policy_id, policy_name, trigger_kind, actor, dry_run, started_at, finished_at, tags_deleted,
                                    manifests_deleted, blobs_freed, bytes_freed, skipped, errors, details)
        VALUES (@PolicyId, @PolicyName, @TriggerKind, @Actor, @DryRun, @StartedAt, @FinishedAt, @TagsDeleted,
                @ManifestsDeleted, @BlobsFreed, @BytesFreed, @Skipped, @Errors, @Details)
        RETURNING id
        """;

    public const string Run = $"SELECT {RetentionRunRow.Columns}, details AS Details FROM retention_runs WHERE id = @Id";

    /// <summary>Claims the scheduled run only while it was last claimed at <c>@Previous</c> (NULL-safe), so one node wins.</summary>
    public const string ClaimScheduledRun = """
        UPDATE retention_policies SET last_scheduled_at = @At WHERE id = @Id AND last_scheduled_at IS NOT DISTINCT FROM CAST(@Previous AS bigint)
        """;

    public const string Runs = $"""
        SELECT {RetentionRunRow.Columns} FROM retention_runs
        WHERE (CAST(@PolicyId AS bigint) IS NULL OR policy_id = @PolicyId) AND (CAST(@Before AS bigint) IS NULL OR id < @Before)
        ORDER BY id DESC LIMIT @Limit
        """;

    /// <summary>Oldest first: the caller reverses the page.</summary>
    public const string NewerRuns = $"""
        SELECT {RetentionRunRow.Columns} FROM retention_runs
        WHERE (CAST(@PolicyId AS bigint) IS NULL OR policy_id = @PolicyId) AND id > @After
        ORDER BY id LIMIT @Limit
        """;

    public const string CountRuns = """
        SELECT COUNT(*) FROM retention_runs WHERE (CAST(@PolicyId AS bigint) IS NULL OR policy_id = @PolicyId)
        """;
}
