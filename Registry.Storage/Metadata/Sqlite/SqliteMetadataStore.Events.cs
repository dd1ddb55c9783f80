namespace Registry.Storage.Metadata.Sqlite;

/// <summary>The event store: webhooks and their delivery queue, in the same database file as everything else.</summary>
internal sealed partial class SqliteMetadataStore : IEventStore
{
    public ValueTask<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken ct)
    {
        List<WebhookRow> rows = Read(c => c.Query<WebhookRow>(EventSql.Webhooks).AsList());
        return ValueTask.FromResult<IReadOnlyList<WebhookRecord>>(rows.ConvertAll(r => r.ToRecord()));
    }

    public ValueTask<WebhookRecord?> GetWebhookAsync(string id, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<WebhookRow>(EventSql.Webhook, new { Id = id }))?.ToRecord());

    public ValueTask<WebhookWriteResult> CreateWebhookAsync(WebhookRecord webhook, CancellationToken ct)
    {
        WebhookRow row = WebhookRow.From(webhook);
        return WriteAsync((c, tx) => c.Execute(EventSql.InsertWebhook, row, tx) > 0 ? WebhookWriteResult.Written : WebhookWriteResult.NameTaken, ct);
    }

    public ValueTask<WebhookWriteResult> UpdateWebhookAsync(WebhookRecord webhook, CancellationToken ct)
    {
        WebhookRow row = WebhookRow.From(webhook);
        return WriteAsync((c, tx) =>
        {
            if (c.ExecuteScalar<long?>(SqliteSql.WebhookExists, row, tx) is null)
            {
                return WebhookWriteResult.NotFound;
            }

            if (c.ExecuteScalar<long?>(EventSql.WebhookNameTaken, row, tx) is not null)
            {
                return WebhookWriteResult.NameTaken;
            }

            c.Execute(EventSql.UpdateWebhook, row, tx);
            return WebhookWriteResult.Written;
        }, ct);
    }

    public ValueTask<bool> DeleteWebhookAsync(string id, CancellationToken ct)
        => WriteAsync((c, tx) => c.Execute(EventSql.DeleteWebhook, new { Id = id }, tx) > 0, ct);

    public async ValueTask EnqueueAsync(IReadOnlyList<QueuedEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await WriteAsync((c, tx) =>
        {
            foreach (QueuedEvent queued in events)
            {
                long at = AccessTime.Ms(queued.At);
                c.Execute(SqliteSql.InsertEvent, new { queued.Id, At = at, queued.Action, queued.Repository, queued.Payload }, tx);
                foreach (string webhookId in queued.WebhookIds)
                {
                    c.Execute(SqliteSql.InsertDelivery, new { EventId = queued.Id, At = at, WebhookId = webhookId }, tx);
                }
            }

            return events.Count;
        }, ct);
    }

    public ValueTask<IReadOnlyList<ClaimedDelivery>> ClaimDueDeliveriesAsync(string node, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken ct)
    {
        long nowMs = AccessTime.Ms(now);
        return WriteAsync<IReadOnlyList<ClaimedDelivery>>((c, tx) =>
        {
            List<ClaimedDeliveryRow> due = c.Query<ClaimedDeliveryRow>(SqliteSql.DueDeliveries, new { Now = nowMs, Limit = limit }, tx).AsList();
            if (due.Count == 0)
            {
                return [];
            }

            c.Execute(SqliteSql.ClaimDeliveries, new { Node = node, Until = nowMs + (long)lease.TotalMilliseconds, Ids = due.ConvertAll(d => d.Id) }, tx);
            return due.ConvertAll(d => d.ToRecord());
        }, ct);
    }

    public ValueTask<bool> RecordAttemptAsync(DeliveryAttempt attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return WriteAsync((c, tx) => c.Execute(EventSql.RecordAttempt, new
        {
            Id = attempt.DeliveryId,
            attempt.Node,
            Status = (int)attempt.Status,
            attempt.StatusCode,
            attempt.Error,
            At = AccessTime.Ms(attempt.At),
            NextAttemptAt = AccessTime.Ms(attempt.NextAttemptAt),
        }, tx) > 0, ct);
    }

    public ValueTask<int> ReleaseClaimsAsync(string node, CancellationToken ct)
        => WriteAsync((c, tx) => c.Execute(EventSql.ReleaseClaims, new { Node = node }, tx), ct);

    public ValueTask<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(DeliveryQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        bool newer = query.AfterId is not null && query.BeforeId is null;
        List<DeliveryRow> rows = Read(c => c.Query<DeliveryRow>(newer ? EventSql.ListNewerDeliveries : EventSql.ListDeliveries, new
        {
            query.WebhookId,
            Status = (int?)query.Status,
            query.BeforeId,
            query.AfterId,
            query.Limit,
        }).AsList());
        if (newer)
        {
            rows.Reverse();
        }

        return ValueTask.FromResult<IReadOnlyList<WebhookDelivery>>(rows.ConvertAll(r => r.ToRecord()));
    }

    public ValueTask<long> CountDeliveriesAsync(string webhookId, DeliveryStatus? status, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.ExecuteScalar<long>(EventSql.CountDeliveries, new { WebhookId = webhookId, Status = (int?)status })));

    public ValueTask<WebhookDelivery?> GetDeliveryAsync(string webhookId, long deliveryId, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<DeliveryRow>(EventSql.Delivery, new { WebhookId = webhookId, Id = deliveryId }))?.ToRecord());

    public ValueTask<long?> AddRedeliveryAsync(string webhookId, long deliveryId, string actor, DateTimeOffset at, CancellationToken ct)
        => WriteAsync((c, tx) => c.ExecuteScalar<long?>(EventSql.InsertRedelivery, new { WebhookId = webhookId, Id = deliveryId, Actor = actor, At = AccessTime.Ms(at) }, tx), ct);

    public ValueTask<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        long cutoff = AccessTime.Ms(before);
        return WriteAsync((c, tx) =>
        {
            int deliveries = c.Execute(EventSql.PruneDeliveries, new { Before = cutoff }, tx);
            c.Execute(EventSql.PruneEvents, new { Before = cutoff }, tx);
            return deliveries;
        }, ct);
    }
}
