namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// The event store's PostgreSQL-only statements (<see cref="EventSql"/> has the shared ones). Nodes claim deliveries
/// with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent claims from any number of nodes take disjoint rows without
/// waiting on each other, and a claim is a lease (<c>claimed_until</c>), so a node that dies leaves its rows to the
/// others.
/// </summary>
internal static partial class PostgresSql
{
    /// <summary>Locks the row, so the name check and the update see one state of it.</summary>
    public const string LockWebhook = "SELECT 1 FROM webhooks WHERE id = @Id FOR UPDATE";

    /// <summary>A batch of events in one statement.</summary>
    public const string InsertEvents = """
        INSERT INTO events (id, at, action, repository, payload)
        SELECT * FROM unnest(@Ids, @At, @Actions, @Repositories, @Payloads)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>
    /// The batch's deliveries in one statement: only to webhooks that exist and are enabled. The foreign key takes a
    /// key-share lock on each webhook, so a concurrent delete waits for this transaction or makes it fail and retry.
    /// </summary>
    public const string InsertDeliveries = """
        INSERT INTO webhook_deliveries (webhook_id, event_id, status, attempts, next_attempt_at, created_at)
        SELECT x.webhook_id, x.event_id, 0, 0, x.at, x.at
        FROM unnest(@WebhookIds, @EventIds, @At) WITH ORDINALITY AS x (webhook_id, event_id, at, n)
        JOIN webhooks w ON w.id = x.webhook_id AND w.enabled
        ORDER BY x.n
        ON CONFLICT (webhook_id, event_id) WHERE redelivery_of IS NULL DO NOTHING
        """;

    /// <summary>
    /// Locks up to <c>@Limit</c> due rows nobody else has locked (SKIP LOCKED) and leases them to <c>@Node</c>. Under
    /// READ COMMITTED a row another node claimed and committed meanwhile is re-checked against the conditions on its
    /// new version (its claim runs, so it drops out); the CTE is materialized, so it is evaluated exactly once.
    /// </summary>
    public const string ClaimDeliveries = """
        WITH due AS MATERIALIZED (
            SELECT d.id
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.status = 0 AND d.next_attempt_at <= @Now AND (d.claimed_until IS NULL OR d.claimed_until <= @Now) AND w.enabled
            ORDER BY d.next_attempt_at, d.id
            LIMIT @Limit
            FOR UPDATE OF d SKIP LOCKED)
        UPDATE webhook_deliveries d SET claimed_by = @Node, claimed_until = @Until
        FROM due, events e, webhooks w
        WHERE d.id = due.id AND e.id = d.event_id AND w.id = d.webhook_id
        RETURNING d.id, d.webhook_id, d.event_id, d.attempts, e.payload, w.url, w.secret, w.headers
        """;
}
