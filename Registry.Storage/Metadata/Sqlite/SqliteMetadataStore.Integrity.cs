using System.Runtime.CompilerServices;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore : IIntegrityStore
{
    public async IAsyncEnumerable<KnownBlob> ListKnownBlobsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        List<KnownBlobRow> rows = Read(c => c.Query<KnownBlobRow>(IntegritySql.KnownBlobs).AsList());
        foreach (KnownBlob blob in KnownBlobRow.Group(rows))
        {
            ct.ThrowIfCancellationRequested();
            yield return blob;
        }
    }

    public ValueTask<bool> IsKnownBlobAsync(Digest digest, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.ExecuteScalar<bool>(IntegritySql.IsKnownBlob, new { Digest = digest.Value })));
}
