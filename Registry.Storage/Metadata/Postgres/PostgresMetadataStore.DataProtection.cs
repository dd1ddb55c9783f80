namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore : IDataProtectionKeyStore
{
    public ValueTask<IReadOnlyList<DataProtectionKeyRecord>> ListDataProtectionKeysAsync(CancellationToken ct)
        => ReadAsync<IReadOnlyList<DataProtectionKeyRecord>>(async c => (await c
            .QueryAsync<DataProtectionKeyRow>(Command(DataProtectionSql.ListDataProtectionKeys, null, null, ct))).Select(r => r.ToRecord()).ToList(), ct);

    public async ValueTask<bool> AddDataProtectionKeyAsync(DataProtectionKeyRecord key, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(DataProtectionSql.AddDataProtectionKey,
            new { key.Name, key.Xml, CreatedAt = key.CreatedAt.ToUnixTimeMilliseconds() }, tx, ct)), ct) > 0;
}
