using System.Runtime.CompilerServices;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore : IIntegrityStore
{
    public async IAsyncEnumerable<KnownBlob> ListKnownBlobsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        IEnumerable<KnownBlobRow> rows = await ReadAsync(c => c.QueryAsync<KnownBlobRow>(Command(IntegritySql.KnownBlobs, null, null, ct)), ct);
        foreach (KnownBlob blob in KnownBlobRow.Group(rows))
        {
            ct.ThrowIfCancellationRequested();
            yield return blob;
        }
    }

    public ValueTask<bool> IsKnownBlobAsync(Digest digest, CancellationToken ct)
        => ReadAsync(c => c.ExecuteScalarAsync<bool>(Command(IntegritySql.IsKnownBlob, new { Digest = digest.Value }, null, ct)), ct);
}
