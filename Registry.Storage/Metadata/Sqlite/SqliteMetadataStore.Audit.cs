namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public async ValueTask AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await WriteAsync((c, tx) =>
        {
            foreach (AuditEntry entry in entries)
            {
                c.Execute(SqliteSql.InsertAudit, new
                {
                    At = AccessTime.Ms(entry.At),
                    entry.Actor,
                    entry.ClientAddress,
                    entry.Action,
                    entry.Target,
                    entry.Detail,
                    entry.Success,
                }, tx);
            }

            return entries.Count;
        }, ct);
    }

    public ValueTask<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct)
    {
        var filter = AuditFilter.From(query);
        List<AuditRow> rows = Read(c => c.Query<AuditRow>(SqliteSql.ListAudit(filter.Conditions), filter).AsList());
        return ValueTask.FromResult<IReadOnlyList<AuditEntry>>(rows.ConvertAll(r => r.ToRecord()));
    }

    public ValueTask<long> CountAuditAsync(AuditQuery query, CancellationToken ct)
    {
        var filter = AuditFilter.From(query);
        return ValueTask.FromResult(Read(c => c.ExecuteScalar<long>(SqliteSql.CountAudit(filter.Conditions), filter)));
    }
}
