namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The garbage collector's statements (<see cref="PostgresMetadataStore"/>'s <c>IGcStore</c>). Queue state 0 is
/// queued, 1 deleting. Every transaction that changes what collection depends on for a digest (mark, pin, manifest
/// push and delete, finishing a deletion) first takes <see cref="LockDigests"/> for it, so they run one at a time per
/// digest across nodes, and each statement after the lock (READ COMMITTED: a fresh snapshot) sees what the previous
/// holder committed.
/// </summary>
internal static partial class PostgresSql
{
    /// <summary>Transaction-scoped advisory locks on the digests' keys, in key order (so two writers never deadlock on them).</summary>
    public const string LockDigests = """
        SELECT count(pg_advisory_xact_lock(@Class, k)) FROM (SELECT DISTINCT k FROM unnest(@Keys) AS k ORDER BY k) AS keys
        """;

    private const string Unreferenced = """
        NOT EXISTS (SELECT 1 FROM manifests m WHERE m.digest = q.digest)
        AND NOT EXISTS (SELECT 1 FROM manifest_references mr WHERE mr.child_digest = q.digest)
        """;

    public const string IsReferenced = """
        SELECT EXISTS (SELECT 1 FROM manifests WHERE digest = @Digest)
            OR EXISTS (SELECT 1 FROM manifest_references WHERE child_digest = @Digest)
        """;

    public const string NotDeleting = "NOT EXISTS (SELECT 1 FROM gc_queue q WHERE q.digest = rb.digest AND q.state = 1)";

    public const string PinnedBlob = $"""
        SELECT b.size AS Size, p.pinned_until AS PinnedUntil
        FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest LEFT JOIN gc_pins p ON p.digest = rb.digest
        WHERE rb.repository_id = (SELECT id FROM repositories WHERE name = @Name) AND rb.digest = @Digest AND {NotDeleting}
        """;

    public const string IsDeleting = "SELECT EXISTS (SELECT 1 FROM gc_queue WHERE digest = @Digest AND state = 1)";

    public const string Pin = """
        INSERT INTO gc_pins (digest, pinned_until) VALUES (@Digest, @Until)
        ON CONFLICT (digest) DO UPDATE SET pinned_until = GREATEST(gc_pins.pinned_until, excluded.pinned_until)
        """;

    public const string Enqueue = $"""
        INSERT INTO gc_queue (digest, queued_at, state)
        SELECT q.digest, @Now, 0 FROM blobs q WHERE q.digest = ANY (@Digests) AND {Unreferenced}
        ON CONFLICT (digest) DO NOTHING
        """;

    public const string Dequeue = "DELETE FROM gc_queue WHERE digest = ANY (@Digests) AND state = 0";

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
        SELECT q.queued_at AS QueuedAt, q.state::integer AS State, COALESCE(b.size, 0) AS Size, p.pinned_until AS PinnedUntil
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

    public const string QueueStatus = """
        SELECT count(*) AS Queued, COALESCE(sum(b.size), 0)::bigint AS QueuedBytes,
               count(*) FILTER (WHERE q.state = 0 AND q.queued_at <= @Before) AS Due,
               COALESCE(sum(b.size) FILTER (WHERE q.state = 0 AND q.queued_at <= @Before), 0)::bigint AS DueBytes,
               count(*) FILTER (WHERE q.state = 1) AS Deleting,
               min(q.queued_at) AS OldestQueuedAt
        FROM gc_queue q LEFT JOIN blobs b ON b.digest = q.digest
        """;

    public const string DeleteExpiredPins = "DELETE FROM gc_pins WHERE pinned_until < @Before";

    public const string InsertGcRun = """
        INSERT INTO gc_runs (trigger, node, started_at, finished_at, blobs_deleted, bytes_freed, errors, last_error)
        VALUES (@Trigger, @Node, @StartedAt, @FinishedAt, @BlobsDeleted, @BytesFreed, @Errors, @LastError)
        RETURNING id
        """;

    public const string PruneGcRuns = "DELETE FROM gc_runs WHERE id <= (SELECT id FROM gc_runs ORDER BY id DESC LIMIT 1 OFFSET @Keep)";

    public const string GcRuns = """
        SELECT id AS Id, trigger AS Trigger, node AS Node, started_at AS StartedAt, finished_at AS FinishedAt,
               blobs_deleted AS BlobsDeleted, bytes_freed AS BytesFreed, errors AS Errors, last_error AS LastError
        FROM gc_runs ORDER BY id DESC LIMIT @Limit
        """;
}
