namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<IReadOnlyList<SigningKeyRecord>> ListSigningKeysAsync(CancellationToken ct)
    {
        List<SigningKeyRow> rows = Read(c => c.Query<SigningKeyRow>(AccessSql.SigningKeys).AsList());
        return ValueTask.FromResult<IReadOnlyList<SigningKeyRecord>>(rows.ConvertAll(r => r.ToRecord()));
    }

    /// <summary>
    /// The check and the insert share one immediate transaction, which other processes on the same database file
    /// cannot interleave with either, so nodes starting together agree on one key.
    /// </summary>
    public ValueTask<bool> AddSigningKeyAsync(SigningKeyRecord key, bool retireOthers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync((c, tx) =>
        {
            if (c.ExecuteScalar<long?>(AccessSql.SigningKeyExists, new { Kid = key.KeyId }, tx) is not null)
            {
                return false;
            }

            if (retireOthers)
            {
                c.Execute(AccessSql.RetireSigningKeys, new { At = AccessTime.Ms(key.CreatedAt) }, tx);
            }
            else if (c.ExecuteScalar<long?>(AccessSql.ActiveSigningKeyExists, transaction: tx) is not null)
            {
                return false;
            }

            c.Execute(AccessSql.InsertSigningKey, new
            {
                Kid = key.KeyId,
                key.Algorithm,
                key.PrivateKey,
                CreatedAt = AccessTime.Ms(key.CreatedAt),
                RetiredAt = AccessTime.Ms(key.RetiredAt),
            }, tx);
            return true;
        }, ct);
    }
}
