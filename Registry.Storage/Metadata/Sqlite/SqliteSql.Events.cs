namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// The event store's SQLite-only statements (<see cref="EventSql"/> has the shared ones). Writes run under the
/// store's one write gate, in immediate transactions, so a claim (select the due rows, then mark them) is never
/// interleaved with another's.
/// </summary>
internal static partial class SqliteSql
{
    public const string WebhookExists = "SELECT 1 FROM webhooks WHERE id = @Id";

    public const string InsertEvent = """
        INSERT INTO events (id, at, action, repository, payload) VALUES (@Id, @At, @Action, @Repository, @Payload)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>A delivery to the webhook only while it exists and is enabled (the WHERE also settles SQLite's upsert-after-SELECT ambiguity).</summary>
    public const string InsertDelivery = """
        INSERT INTO webhook_deliveries (webhook_id, event_id, status, attempts, next_attempt_at, created_at)
        SELECT id, @EventId, 0, 0, @At, @At FROM webhooks WHERE id = @WebhookId AND enabled = 1
        ON CONFLICT (webhook_id, event_id) WHERE redelivery_of IS NULL DO NOTHING
        """;

    /// <summary>The due, unclaimed (or lapsed) deliveries of enabled webhooks, oldest due first.</summary>
    public const string DueDeliveries = """
        SELECT d.id, d.webhook_id, d.event_id, d.attempts, e.payload, w.url, w.secret, w.headers
        FROM webhook_deliveries d
        JOIN webhooks w ON w.id = d.webhook_id
        JOIN events e ON e.id = d.event_id
        WHERE d.status = 0 AND d.next_attempt_at <= @Now AND (d.claimed_until IS NULL OR d.claimed_until <= @Now) AND w.enabled = 1
        ORDER BY d.next_attempt_at, d.id
        LIMIT @Limit
        """;

    public const string ClaimDeliveries = "UPDATE webhook_deliveries SET claimed_by = @Node, claimed_until = @Until WHERE id IN @Ids";
}
