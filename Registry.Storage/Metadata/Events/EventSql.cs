namespace Registry.Storage.Metadata.Events;

/// <summary>
/// The statements of the event store (webhooks, deliveries, pruning) that read the same in SQLite and PostgreSQL.
/// Recording events and deliveries (one row or a batch) and claiming due deliveries (under the write gate, or with
/// <c>FOR UPDATE SKIP LOCKED</c>) differ, in <c>SqliteSql.Events</c> and <c>PostgresSql.Events</c>.
/// </summary>
internal static class EventSql
{
    public const string Webhooks = $"SELECT {WebhookRow.Columns} FROM webhooks ORDER BY name";

    public const string Webhook = $"SELECT {WebhookRow.Columns} FROM webhooks WHERE id = @Id";

    /// <summary>Inserts nothing when the id or the name is taken.</summary>
    public const string InsertWebhook = $"""
        INSERT INTO webhooks ({WebhookRow.Columns})
        VALUES (@Id, @Name, @Url, @Secret, @Headers, @Namespaces, @Repositories, @RepositoryPattern, @Actions, @Enabled,
            @CreatedBy, @CreatedAt, @UpdatedAt)
        ON CONFLICT DO NOTHING
        """;

    public const string WebhookNameTaken = "SELECT 1 FROM webhooks WHERE name = @Name AND id <> @Id";

    public const string UpdateWebhook = """
        UPDATE webhooks SET name = @Name, url = @Url, secret = @Secret, headers = @Headers, namespaces = @Namespaces,
            repositories = @Repositories, repository_pattern = @RepositoryPattern, actions = @Actions, enabled = @Enabled,
            updated_at = @UpdatedAt
        WHERE id = @Id
        """;

    public const string DeleteWebhook = "DELETE FROM webhooks WHERE id = @Id";

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
        WHERE d.webhook_id = @WebhookId AND (CAST(@Status AS smallint) IS NULL OR d.status = CAST(@Status AS smallint))
            AND (CAST(@BeforeId AS bigint) IS NULL OR d.id < CAST(@BeforeId AS bigint))
        ORDER BY d.id DESC
        LIMIT @Limit
        """;

    /// <summary>The page before (newer), oldest first: the caller reverses it.</summary>
    public const string ListNewerDeliveries = $"""
        SELECT {DeliveryRow.Columns}
        FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
        WHERE d.webhook_id = @WebhookId AND (CAST(@Status AS smallint) IS NULL OR d.status = CAST(@Status AS smallint))
            AND d.id > CAST(@AfterId AS bigint)
        ORDER BY d.id
        LIMIT @Limit
        """;

    public const string CountDeliveries = """
        SELECT COUNT(*) FROM webhook_deliveries d
        WHERE d.webhook_id = @WebhookId AND (CAST(@Status AS smallint) IS NULL OR d.status = CAST(@Status AS smallint))
        """;

    public const string Delivery = $"""
        SELECT {DeliveryRow.Columns}
        FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
        WHERE d.webhook_id = @WebhookId AND d.id = @Id
        """;

    /// <summary>A new pending delivery, due now, of the event the given delivery carried; returns its id.</summary>
    public const string InsertRedelivery = """
        INSERT INTO webhook_deliveries (webhook_id, event_id, status, attempts, next_attempt_at, created_at, redelivery_of, redelivered_by)
        SELECT d.webhook_id, d.event_id, 0, 0, @At, @At, d.id, @Actor FROM webhook_deliveries d WHERE d.webhook_id = @WebhookId AND d.id = @Id
        RETURNING id
        """;

    public const string PruneDeliveries = "DELETE FROM webhook_deliveries WHERE status <> 0 AND created_at < @Before";

    public const string PruneEvents = """
        DELETE FROM events WHERE at < @Before AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = events.id)
        """;
}
