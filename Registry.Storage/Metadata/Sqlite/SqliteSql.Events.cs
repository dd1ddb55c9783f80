using Registry.Storage.Metadata.Events;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>
/// The statements of the event store (webhooks, events, deliveries). Writes run under the store's one write gate,
/// in immediate transactions, so a claim (select the due rows, then mark them) is never interleaved with another's.
/// </summary>
internal static partial class SqliteSql
{
    public const string Webhooks = $"SELECT {WebhookRow.Columns} FROM webhooks ORDER BY name";

    public const string Webhook = $"SELECT {WebhookRow.Columns} FROM webhooks WHERE id = @Id";

    public const string InsertWebhook = $"""
        INSERT INTO webhooks ({WebhookRow.Columns})
        VALUES (@Id, @Name, @Url, @Secret, @Headers, @Namespaces, @Repositories, @RepositoryPattern, @Actions, @Enabled,
            @CreatedBy, @CreatedAt, @UpdatedAt)
        ON CONFLICT DO NOTHING
        """;

    public const string WebhookExists = "SELECT 1 FROM webhooks WHERE id = @Id";

    public const string WebhookNameTaken = "SELECT 1 FROM webhooks WHERE name = @Name AND id <> @Id";

    public const string UpdateWebhook = """
        UPDATE webhooks SET name = @Name, url = @Url, secret = @Secret, headers = @Headers, namespaces = @Namespaces,
            repositories = @Repositories, repository_pattern = @RepositoryPattern, actions = @Actions, enabled = @Enabled,
            updated_at = @UpdatedAt
        WHERE id = @Id
        """;

    public const string DeleteWebhook = "DELETE FROM webhooks WHERE id = @Id";

    public const string InsertEvent = """
        INSERT INTO events (id, at, action, repository, payload) VALUES (@Id, @At, @Action, @Repository, @Payload)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>A delivery to the webhook only while it exists and is enabled (the WHERE also settles SQLite's upsert-after-SELECT ambiguity).</summary>
    public const string InsertDelivery = """
        INSERT INTO webhook_deliveries (webhook_id, event_id, status, attempts, next_attempt_at, created_at)
        SELECT id, @EventId, 0, 0, @At, @At FROM webhooks WHERE id = @WebhookId AND enabled = 1
        ON CONFLICT (webhook_id, event_id) DO NOTHING
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

    public const string RecordAttempt = """
        UPDATE webhook_deliveries SET status = @Status, attempts = attempts + 1, last_status_code = @StatusCode,
            last_error = @Error, next_attempt_at = @NextAttemptAt,
            delivered_at = CASE WHEN @Status = 1 THEN @At ELSE delivered_at END, claimed_by = NULL, claimed_until = NULL
        WHERE id = @Id AND claimed_by = @Node AND status = 0
        """;

    public const string ReleaseClaims = """
        UPDATE webhook_deliveries SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = @Node AND status = 0
        """;

    public const string ListDeliveries = $"""
        SELECT {DeliveryRow.Columns}
        FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
        WHERE d.webhook_id = @WebhookId AND (@Status IS NULL OR d.status = @Status) AND (@BeforeId IS NULL OR d.id < @BeforeId)
        ORDER BY d.id DESC
        LIMIT @Limit
        """;

    public const string PruneDeliveries = "DELETE FROM webhook_deliveries WHERE status <> 0 AND created_at < @Before";

    public const string PruneEvents = """
        DELETE FROM events WHERE at < @Before AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = events.id)
        """;
}
