using Npgsql;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>The event store: webhooks and their delivery queue, shared by every node (see <see cref="PostgresSql.ClaimDeliveries"/>).</summary>
internal sealed partial class PostgresMetadataStore : IEventStore
{
    public async ValueTask<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken ct)
    {
        IEnumerable<WebhookRow> rows = await ReadAsync(c => c.QueryAsync<WebhookRow>(Command(EventSql.Webhooks, null, null, ct)), ct);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async ValueTask<WebhookRecord?> GetWebhookAsync(string id, CancellationToken ct)
    {
        if (HasNul(id))
        {
            return null;
        }

        WebhookRow? row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<WebhookRow>(Command(EventSql.Webhook, new { Id = id }, null, ct)), ct);
        return row?.ToRecord();
    }

    public async ValueTask<WebhookWriteResult> CreateWebhookAsync(WebhookRecord webhook, CancellationToken ct)
    {
        WebhookRow row = WebhookRow.From(webhook);
        return await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(EventSql.InsertWebhook, row, tx, ct)) > 0
            ? WebhookWriteResult.Written
            : WebhookWriteResult.NameTaken, ct);
    }

    public async ValueTask<WebhookWriteResult> UpdateWebhookAsync(WebhookRecord webhook, CancellationToken ct)
    {
        if (HasNul(webhook.Id))
        {
            return WebhookWriteResult.NotFound;
        }

        WebhookRow row = WebhookRow.From(webhook);
        try
        {
            return await WriteAsync(async (c, tx) =>
            {
                if (await c.ExecuteScalarAsync<int?>(Command(PostgresSql.LockWebhook, row, tx, ct)) is null)
                {
                    return WebhookWriteResult.NotFound;
                }

                if (await c.ExecuteScalarAsync<int?>(Command(EventSql.WebhookNameTaken, row, tx, ct)) is not null)
                {
                    return WebhookWriteResult.NameTaken;
                }

                await c.ExecuteAsync(Command(EventSql.UpdateWebhook, row, tx, ct));
                return WebhookWriteResult.Written;
            }, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another node renamed a webhook to the same name at the same moment.
            return WebhookWriteResult.NameTaken;
        }
    }

    public async ValueTask<bool> DeleteWebhookAsync(string id, CancellationToken ct)
        => !HasNul(id) && await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(EventSql.DeleteWebhook, new { Id = id }, tx, ct)) > 0, ct);

    /// <summary>
    /// Two statements for the whole batch. Should a webhook named in it be deleted between this transaction's
    /// snapshot and its insert, the foreign key fails it; the batch is then written again on a fresh snapshot,
    /// which no longer sees that webhook.
    /// </summary>
    public async ValueTask EnqueueAsync(IReadOnlyList<QueuedEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        int count = events.Count;
        var ids = new string[count];
        var at = new long[count];
        var actions = new string[count];
        var repositories = new string[count];
        var payloads = new string[count];
        var deliveryWebhooks = new List<string>();
        var deliveryEvents = new List<string>();
        var deliveryAt = new List<long>();
        for (int i = 0; i < count; i++)
        {
            QueuedEvent queued = events[i];
            ids[i] = queued.Id;
            at[i] = AccessTime.Ms(queued.At);
            actions[i] = queued.Action;
            repositories[i] = queued.Repository;
            payloads[i] = WithoutNul(queued.Payload)!;
            foreach (string webhookId in queued.WebhookIds)
            {
                deliveryWebhooks.Add(webhookId);
                deliveryEvents.Add(queued.Id);
                deliveryAt.Add(at[i]);
            }
        }

        var eventRows = new { Ids = ids, At = at, Actions = actions, Repositories = repositories, Payloads = payloads };
        var deliveryRows = new { WebhookIds = deliveryWebhooks.ToArray(), EventIds = deliveryEvents.ToArray(), At = deliveryAt.ToArray() };
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(async (c, tx) =>
                {
                    await c.ExecuteAsync(Command(PostgresSql.InsertEvents, eventRows, tx, ct));
                    return await c.ExecuteAsync(Command(PostgresSql.InsertDeliveries, deliveryRows, tx, ct));
                }, ct);
                return;
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
            }
        }
    }

    public async ValueTask<IReadOnlyList<ClaimedDelivery>> ClaimDueDeliveriesAsync(string node, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken ct)
    {
        long nowMs = AccessTime.Ms(now);
        var parameters = new { Node = node, Now = nowMs, Until = nowMs + (long)lease.TotalMilliseconds, Limit = limit };
        IEnumerable<ClaimedDeliveryRow> rows = await WriteAsync(
            (c, tx) => c.QueryAsync<ClaimedDeliveryRow>(Command(PostgresSql.ClaimDeliveries, parameters, tx, ct)), ct);
        return rows.Select(r => r.ToRecord()).OrderBy(d => d.Id).ToList();
    }

    public async ValueTask<bool> RecordAttemptAsync(DeliveryAttempt attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var parameters = new
        {
            Id = attempt.DeliveryId,
            attempt.Node,
            Status = (int)attempt.Status,
            attempt.StatusCode,
            Error = WithoutNul(attempt.Error),
            At = AccessTime.Ms(attempt.At),
            NextAttemptAt = AccessTime.Ms(attempt.NextAttemptAt),
        };
        return await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(EventSql.RecordAttempt, parameters, tx, ct)) > 0, ct);
    }

    public async ValueTask<int> ReleaseClaimsAsync(string node, CancellationToken ct)
        => await WriteAsync((c, tx) => c.ExecuteAsync(Command(EventSql.ReleaseClaims, new { Node = node }, tx, ct)), ct);

    public async ValueTask<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(DeliveryQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (HasNul(query.WebhookId))
        {
            return [];
        }

        bool newer = query.AfterId is not null && query.BeforeId is null;
        var parameters = new { query.WebhookId, Status = (int?)query.Status, query.BeforeId, query.AfterId, query.Limit };
        IEnumerable<DeliveryRow> rows = await ReadAsync(c => c.QueryAsync<DeliveryRow>(Command(newer ? EventSql.ListNewerDeliveries : EventSql.ListDeliveries, parameters, null, ct)), ct);
        List<WebhookDelivery> deliveries = rows.Select(r => r.ToRecord()).ToList();
        if (newer)
        {
            deliveries.Reverse();
        }

        return deliveries;
    }

    public async ValueTask<long> CountDeliveriesAsync(string webhookId, DeliveryStatus? status, CancellationToken ct)
    {
        if (HasNul(webhookId))
        {
            return 0;
        }

        return await ReadAsync(c => c.ExecuteScalarAsync<long>(Command(EventSql.CountDeliveries, new { WebhookId = webhookId, Status = (int?)status }, null, ct)), ct);
    }

    public async ValueTask<WebhookDelivery?> GetDeliveryAsync(string webhookId, long deliveryId, CancellationToken ct)
    {
        if (HasNul(webhookId))
        {
            return null;
        }

        DeliveryRow? row = await ReadAsync(
            c => c.QuerySingleOrDefaultAsync<DeliveryRow>(Command(EventSql.Delivery, new { WebhookId = webhookId, Id = deliveryId }, null, ct)), ct);
        return row?.ToRecord();
    }

    public async ValueTask<long?> AddRedeliveryAsync(string webhookId, long deliveryId, string actor, DateTimeOffset at, CancellationToken ct)
    {
        if (HasNul(webhookId))
        {
            return null;
        }

        var parameters = new { WebhookId = webhookId, Id = deliveryId, Actor = WithoutNul(actor), At = AccessTime.Ms(at) };
        return await WriteAsync((c, tx) => c.ExecuteScalarAsync<long?>(Command(EventSql.InsertRedelivery, parameters, tx, ct)), ct);
    }

    public async ValueTask<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        long cutoff = AccessTime.Ms(before);
        return await WriteAsync(async (c, tx) =>
        {
            int deliveries = await c.ExecuteAsync(Command(EventSql.PruneDeliveries, new { Before = cutoff }, tx, ct));
            await c.ExecuteAsync(Command(EventSql.PruneEvents, new { Before = cutoff }, tx, ct));
            return deliveries;
        }, ct);
    }
}
