namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public async ValueTask<IReadOnlyList<SigningKeyRecord>> ListSigningKeysAsync(CancellationToken ct)
    {
        IEnumerable<SigningKeyRow> rows = await ReadAsync(c => c.QueryAsync<SigningKeyRow>(Command(AccessSql.SigningKeys, null, null, ct)), ct);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>
    /// Runs under the access lock: a node that waited for it checks again in a new snapshot (READ COMMITTED takes one
    /// per statement) and sees the key the first node committed, so nodes starting together agree on one key. Signing
    /// keys are not part of the access version.
    /// </summary>
    public ValueTask<bool> AddSigningKeyAsync(SigningKeyRecord key, bool retireOthers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAccessAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<int?>(Command(AccessSql.SigningKeyExists, new { Kid = key.KeyId }, tx, ct)) is not null)
            {
                return false;
            }

            if (retireOthers)
            {
                await c.ExecuteAsync(Command(AccessSql.RetireSigningKeys, new { At = AccessTime.Ms(key.CreatedAt) }, tx, ct));
            }
            else if (await c.ExecuteScalarAsync<int?>(Command(AccessSql.ActiveSigningKeyExists, null, tx, ct)) is not null)
            {
                return false;
            }

            await c.ExecuteAsync(Command(AccessSql.InsertSigningKey, new
            {
                Kid = key.KeyId,
                key.Algorithm,
                key.PrivateKey,
                CreatedAt = AccessTime.Ms(key.CreatedAt),
                RetiredAt = AccessTime.Ms(key.RetiredAt),
            }, tx, ct));
            return true;
        }, ct, bumpWhenChanged: false);
    }
}
