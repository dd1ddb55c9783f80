namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    /// <summary>
    /// One statement for the whole batch. Audit text often comes from clients (a user name that failed to sign in),
    /// and PostgreSQL text cannot hold NUL, so a NUL is stored as U+FFFD rather than failing the batch.
    /// </summary>
    public async ValueTask AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        int count = entries.Count;
        if (count == 0)
        {
            return;
        }

        var at = new long[count];
        var actor = new string[count];
        var clientAddress = new string?[count];
        var action = new string[count];
        var target = new string?[count];
        var detail = new string?[count];
        var success = new bool[count];
        for (int i = 0; i < count; i++)
        {
            AuditEntry entry = entries[i];
            at[i] = AccessTime.Ms(entry.At);
            actor[i] = WithoutNul(entry.Actor)!;
            clientAddress[i] = WithoutNul(entry.ClientAddress);
            action[i] = WithoutNul(entry.Action)!;
            target[i] = WithoutNul(entry.Target);
            detail[i] = WithoutNul(entry.Detail);
            success[i] = entry.Success;
        }

        await WriteAsync((c, tx) => c.ExecuteAsync(Command(PostgresSql.InsertAudit, new
        {
            At = at,
            Actor = actor,
            ClientAddress = clientAddress,
            Action = action,
            Target = target,
            Detail = detail,
            Success = success,
        }, tx, ct)), ct);
    }

    public async ValueTask<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);

        // Filters see text as AppendAuditAsync stored it.
        var filter = AuditFilter.From(query with
        {
            Actor = WithoutNul(query.Actor),
            Action = WithoutNul(query.Action),
            TargetPrefix = WithoutNul(query.TargetPrefix),
        });
        IEnumerable<AuditRow> rows = await ReadAsync(c => c.QueryAsync<AuditRow>(Command(PostgresSql.ListAudit(filter.Conditions), filter, null, ct)), ct);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async ValueTask<long> CountAuditAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = AuditFilter.From(query with
        {
            Actor = WithoutNul(query.Actor),
            Action = WithoutNul(query.Action),
            TargetPrefix = WithoutNul(query.TargetPrefix),
        });
        return await ReadAsync(c => c.ExecuteScalarAsync<long>(Command(PostgresSql.CountAudit(filter.Conditions), filter, null, ct)), ct);
    }

    private static string? WithoutNul(string? text) => HasNul(text) ? text!.Replace('\0', '\uFFFD') : text;
}
