namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public ValueTask<bool> CreateCiTokenAsync(CiTokenRecord token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        return WriteAccessAsync(async (c, tx) => await c.ExecuteAsync(Command(AccessSql.InsertCiToken, WriteParameters.CiToken(token), tx, ct)) > 0, ct);
    }

    public async ValueTask<CiTokenRecord?> GetCiTokenAsync(string id, CancellationToken ct)
    {
        if (HasNul(id))
        {
            return null;
        }

        CiTokenRow? row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<CiTokenRow>(Command(AccessSql.CiToken, new { Id = id }, null, ct)), ct);
        return row?.ToRecord();
    }

    public async ValueTask<IReadOnlyList<CiTokenRecord>> ListCiTokensAsync(string? owner, CancellationToken ct)
    {
        if (HasNul(owner))
        {
            return [];
        }

        IEnumerable<CiTokenRow> rows = await ReadAsync(c => owner is null
            ? c.QueryAsync<CiTokenRow>(Command(AccessSql.CiTokens, null, null, ct))
            : c.QueryAsync<CiTokenRow>(Command(AccessSql.CiTokensOf, new { Owner = owner }, null, ct)), ct);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async ValueTask<bool> RevokeCiTokenAsync(string id, DateTimeOffset at, CancellationToken ct)
        => !HasNul(id) && await WriteAccessAsync(async (c, tx) => await c.ExecuteAsync(Command(AccessSql.RevokeCiToken,
            new { Id = id, At = AccessTime.Ms(at) }, tx, ct)) > 0, ct);

    /// <summary>
    /// Not an access change: takes no access lock and leaves the version, so caches keep their entries. The latest
    /// time per token is written, in id order, so batches from several nodes lock rows in one order.
    /// </summary>
    public async ValueTask RecordCiTokenUseAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUsed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lastUsed);
        var latest = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach ((string id, DateTimeOffset at) in lastUsed)
        {
            long ms = AccessTime.Ms(at);
            if (!HasNul(id) && (!latest.TryGetValue(id, out long seen) || seen < ms))
            {
                latest[id] = ms;
            }
        }

        if (latest.Count == 0)
        {
            return;
        }

        await WriteAsync(async (c, tx) =>
        {
            foreach ((string id, long at) in latest)
            {
                await c.ExecuteAsync(Command(AccessSql.RecordCiTokenUse, new { Id = id, At = at }, tx, ct));
            }

            return latest.Count;
        }, ct);
    }
}
