namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// The garbage collector's SQLite-only statements (<see cref="GcSql"/> has the shared ones). Every write runs under
/// the store's one write gate, so a check and the write it guards cannot interleave with another writer.
/// </summary>
internal static partial class SqliteSql
{
    public const string Pin = """
        INSERT INTO gc_pins (digest, pinned_until) VALUES (@Digest, @Until)
        ON CONFLICT (digest) DO UPDATE SET pinned_until = max(pinned_until, excluded.pinned_until)
        """;

    /// <summary>Queues the digest when it has a blob row, no reference and no entry yet.</summary>
    public const string Enqueue = $"""
        INSERT INTO gc_queue (digest, queued_at, state)
        SELECT q.digest, @Now, 0 FROM blobs q WHERE q.digest = @Digest AND {GcSql.Unreferenced}
        ON CONFLICT (digest) DO NOTHING
        """;

    public static readonly string UnreferencedBlobs = GcSql.UnreferencedBlobs(pg: false);

    public static readonly string Dequeue = GcSql.Dequeue(pg: false);
}
