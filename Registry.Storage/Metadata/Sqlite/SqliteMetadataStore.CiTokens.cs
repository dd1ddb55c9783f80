namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<bool> CreateCiTokenAsync(CiTokenRecord token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        return WriteAccessAsync((c, tx) => c.Execute(AccessSql.InsertCiToken, WriteParameters.CiToken(token), tx) > 0, ct);
    }

    public ValueTask<CiTokenRecord?> GetCiTokenAsync(string id, CancellationToken ct)
    {
        CiTokenRow? row = Read(c => c.QuerySingleOrDefault<CiTokenRow>(AccessSql.CiToken, new { Id = id }));
        return ValueTask.FromResult(row?.ToRecord());
    }

    public ValueTask<IReadOnlyList<CiTokenRecord>> ListCiTokensAsync(string? owner, CancellationToken ct)
    {
        List<CiTokenRow> rows = Read(c => owner is null
            ? c.Query<CiTokenRow>(AccessSql.CiTokens).AsList()
            : c.Query<CiTokenRow>(AccessSql.CiTokensOf, new { Owner = owner }).AsList());
        return ValueTask.FromResult<IReadOnlyList<CiTokenRecord>>(rows.ConvertAll(r => r.ToRecord()));
    }

    public ValueTask<bool> RevokeCiTokenAsync(string id, DateTimeOffset at, CancellationToken ct)
        => WriteAccessAsync((c, tx) => c.Execute(AccessSql.RevokeCiToken, new { Id = id, At = AccessTime.Ms(at) }, tx) > 0, ct);

    /// <summary>Not an access change: the version stays, so caches keep their entries.</summary>
    public async ValueTask RecordCiTokenUseAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUsed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lastUsed);
        if (lastUsed.Count == 0)
        {
            return;
        }

        await WriteAsync((c, tx) =>
        {
            foreach ((string id, DateTimeOffset at) in lastUsed)
            {
                c.Execute(AccessSql.RecordCiTokenUse, new { Id = id, At = AccessTime.Ms(at) }, tx);
            }

            return 0;
        }, ct);
    }
}
