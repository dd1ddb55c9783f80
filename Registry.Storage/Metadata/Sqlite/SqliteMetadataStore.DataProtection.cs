namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore : IDataProtectionKeyStore
{
    public ValueTask<IReadOnlyList<DataProtectionKeyRecord>> ListDataProtectionKeysAsync(CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<DataProtectionKeyRecord>>(Read(c => c
            .Query<DataProtectionKeyRow>(DataProtectionSql.ListDataProtectionKeys).Select(r => r.ToRecord()).ToList()));

    public async ValueTask<bool> AddDataProtectionKeyAsync(DataProtectionKeyRecord key, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(DataProtectionSql.AddDataProtectionKey,
            new { key.Name, key.Xml, CreatedAt = key.CreatedAt.ToUnixTimeMilliseconds() }, tx), ct) > 0;
}
