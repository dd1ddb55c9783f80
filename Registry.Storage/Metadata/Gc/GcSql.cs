namespace Registry.Storage.Metadata.Gc;

/// <summary>
/// The garbage collector's statements that read the same in SQLite and PostgreSQL (the dialect-specific ones are in
/// <c>SqliteSql.Gc</c> and <c>PostgresSql.Gc</c>). Queue state 0 is queued, 1 deleting.
/// </summary>
internal static class GcSql
{
    /// <summary>
    /// Nothing references the queue entry <c>q</c>: no manifest has its digest, no manifest reference names it and no
    /// artifact file has it as its content.
    /// </summary>
    public const string Unreferenced = """
        NOT EXISTS (SELECT 1 FROM manifests m WHERE m.digest = q.digest)
        AND NOT EXISTS (SELECT 1 FROM manifest_references mr WHERE mr.child_digest = q.digest)
        AND NOT EXISTS (SELECT 1 FROM artifact_files af WHERE af.digest = q.digest)
        """;

    /// <summary>The blob link <c>rb</c> is not being deleted (a deleting blob is already unknown to clients).</summary>
    public const string NotDeleting = "NOT EXISTS (SELECT 1 FROM gc_queue q WHERE q.digest = rb.digest AND q.state = 1)";

    public const string IsReferenced = """
        SELECT EXISTS (SELECT 1 FROM manifests WHERE digest = @Digest)
            OR EXISTS (SELECT 1 FROM manifest_references WHERE child_digest = @Digest)
            OR EXISTS (SELECT 1 FROM artifact_files WHERE digest = @Digest)
        """;

    public const string PinnedBlob = $"""
        SELECT b.size AS Size, p.pinned_until AS PinnedUntil
        FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest LEFT JOIN gc_pins p ON p.digest = rb.digest
        WHERE rb.repository_id = (SELECT id FROM repositories WHERE name = @Name) AND rb.digest = @Digest AND {NotDeleting}
        """;

    public const string IsDeleting = "SELECT EXISTS (SELECT 1 FROM gc_queue WHERE digest = @Digest AND state = 1)";

    public const string ChildrenOfManifest = "SELECT child_digest FROM manifest_references WHERE repository_id = @RepositoryId AND manifest_digest = @Digest";

    public const string DueEntries = $"""
        SELECT q.digest AS Digest, COALESCE(b.size, 0) AS Size, q.queued_at AS QueuedAt
        FROM gc_queue q LEFT JOIN blobs b ON b.digest = q.digest LEFT JOIN gc_pins p ON p.digest = q.digest
        WHERE q.state = 0 AND q.queued_at <= @Before AND q.digest > @After
          AND (p.pinned_until IS NULL OR p.pinned_until <= @Now) AND {Unreferenced}
        ORDER BY q.digest LIMIT @Limit
        """;

    public const string DeletingEntries = """
        SELECT q.digest AS Digest, COALESCE(b.size, 0) AS Size, q.queued_at AS QueuedAt
        FROM gc_queue q LEFT JOIN blobs b ON b.digest = q.digest
        WHERE q.state = 1 AND q.digest > @After
        ORDER BY q.digest LIMIT @Limit
        """;

    public const string QueueEntry = """
        SELECT q.queued_at AS QueuedAt, CAST(q.state AS integer) AS State, COALESCE(b.size, 0) AS Size, p.pinned_until AS PinnedUntil
        FROM gc_queue q LEFT JOIN blobs b ON b.digest = q.digest LEFT JOIN gc_pins p ON p.digest = q.digest
        WHERE q.digest = @Digest
        """;

    public const string MarkDeleting = "UPDATE gc_queue SET state = 1 WHERE digest = @Digest AND state = 0";

    public const string DropEntry = "DELETE FROM gc_queue WHERE digest = @Digest";

    public const string DropDeletingEntry = "DELETE FROM gc_queue WHERE digest = @Digest AND state = 1";

    public const string DeleteBlobRows = """
        DELETE FROM repository_blobs WHERE digest = @Digest;
        DELETE FROM blobs WHERE digest = @Digest;
        DELETE FROM gc_pins WHERE digest = @Digest;
        """;

    /// <summary>Reclaimable by a pass once unpinned: queued, past the review delay and still unreferenced.</summary>
    private const string Due = $"q.state = 0 AND q.queued_at <= @Before AND {Unreferenced}";

    public const string QueueStatus = $"""
        SELECT COUNT(*) AS Queued, CAST(COALESCE(SUM(b.size), 0) AS bigint) AS QueuedBytes,
               CAST(COALESCE(SUM(CASE WHEN {Due} THEN 1 ELSE 0 END), 0) AS bigint) AS Due,
               CAST(COALESCE(SUM(CASE WHEN {Due} THEN b.size ELSE 0 END), 0) AS bigint) AS DueBytes,
               CAST(COALESCE(SUM(CASE WHEN q.state = 1 THEN 1 ELSE 0 END), 0) AS bigint) AS Deleting,
               MIN(q.queued_at) AS OldestQueuedAt
        FROM gc_queue q LEFT JOIN blobs b ON b.digest = q.digest
        """;

    public const string DeleteExpiredPins = "DELETE FROM gc_pins WHERE pinned_until < @Before";

    public const string InsertGcRun = """
        INSERT INTO gc_runs (trigger, node, started_at, finished_at, blobs_deleted, bytes_freed, errors, last_error)
        VALUES (@Trigger, @Node, @StartedAt, @FinishedAt, @BlobsDeleted, @BytesFreed, @Errors, @LastError)
        RETURNING id
        """;

    /// <summary>Scheduled passes that found nothing to do are kept only as the newest run, so the history shows work done.</summary>
    public const string PruneIdleGcRuns = "DELETE FROM gc_runs WHERE id < @Id AND trigger = 'schedule' AND blobs_deleted = 0 AND errors = 0";

    public const string PruneGcRuns = "DELETE FROM gc_runs WHERE id <= (SELECT id FROM gc_runs ORDER BY id DESC LIMIT 1 OFFSET @Keep)";

    private const string GcRunColumns = """
        id AS Id, trigger AS Trigger, node AS Node, started_at AS StartedAt, finished_at AS FinishedAt,
               blobs_deleted AS BlobsDeleted, bytes_freed AS BytesFreed, errors AS Errors, last_error AS LastError
        """;

    /// <summary>Newest first below the <c>@Before</c> id.</summary>
    public const string GcRuns = $"SELECT {GcRunColumns} FROM gc_runs WHERE id < @Before ORDER BY id DESC LIMIT @Limit";

    /// <summary>The oldest runs above the <c>@After</c> id, then newest first (the page before a cursor).</summary>
    public const string GcRunsAfter = $"SELECT * FROM (SELECT {GcRunColumns} FROM gc_runs WHERE id > @After ORDER BY id ASC LIMIT @Limit) newer ORDER BY 1 DESC";

    public const string CountGcRuns = "SELECT COUNT(*) FROM gc_runs";

    /// <summary>How many of the blobs in <c>@Digests</c> nothing references, and their bytes.</summary>
    public static string UnreferencedBlobs(bool pg) => $"""
        SELECT COUNT(*) AS Blobs, CAST(COALESCE(SUM(q.size), 0) AS bigint) AS Bytes
        FROM blobs q WHERE q.digest {DialectSql.In(pg, "Digests")} AND {Unreferenced}
        """;

    /// <summary>A manifest or an artifact file now references these: they leave the queue (a deleting one never gets this far).</summary>
    public static string Dequeue(bool pg) => $"DELETE FROM gc_queue WHERE digest {DialectSql.In(pg, "Digests")} AND state = 0";
}
