namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The garbage collector's PostgreSQL-only statements (<see cref="GcSql"/> has the shared ones). Every transaction
/// that changes what collection depends on for a digest (mark, pin, manifest push and delete, finishing a deletion)
/// first takes <see cref="LockDigests"/> for it, so they run one at a time per digest across nodes, and each
/// statement after the lock (READ COMMITTED: a fresh snapshot) sees what the previous holder committed.
/// </summary>
internal static partial class PostgresSql
{
    /// <summary>Transaction-scoped advisory locks on the digests' keys, in key order (so two writers never deadlock on them).</summary>
    public const string LockDigests = """
        SELECT count(pg_advisory_xact_lock(@Class, k)) FROM (SELECT DISTINCT k FROM unnest(@Keys) AS k ORDER BY k) AS keys
        """;

    public const string Pin = """
        INSERT INTO gc_pins (digest, pinned_until) VALUES (@Digest, @Until)
        ON CONFLICT (digest) DO UPDATE SET pinned_until = GREATEST(gc_pins.pinned_until, excluded.pinned_until)
        """;

    public const string Enqueue = $"""
        INSERT INTO gc_queue (digest, queued_at, state)
        SELECT q.digest, @Now, 0 FROM blobs q WHERE q.digest = ANY (@Digests) AND {GcSql.Unreferenced}
        ON CONFLICT (digest) DO NOTHING
        """;

    public static readonly string UnreferencedBlobs = GcSql.UnreferencedBlobs(pg: true);

    public static readonly string Dequeue = GcSql.Dequeue(pg: true);
}
