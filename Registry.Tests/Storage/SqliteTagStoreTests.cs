using Microsoft.Data.Sqlite;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Tests.Storage;

/// <summary>What only the SQLite tag store does; what every backend does is in <see cref="TagStoreContract"/>.</summary>
public sealed class SqliteTagStoreTests : IAsyncLifetime
{
    private readonly MetadataTestStores _stores = new();

    [Fact]
    public async Task History_RowsFromBeforeActorsWereRecorded_GetTheirKindFromTheDigests()
    {
        IMetadataStore store = (await _stores.CreateNodesAsync(MetadataBackend.Sqlite, 1, TimeProvider.System))[0];
        var app = RepositoryName.Parse("team/app");
        Digest one = Digest.Compute(DigestAlgorithm.Sha256, [1]);
        Digest two = Digest.Compute(DigestAlgorithm.Sha256, [2]);
        await store.PutManifestAsync(app, new ManifestWrite(one, Registry.Core.Primitives.MediaTypes.OciImageManifest, 1, null, null, null, []), null, CancellationToken.None);
        using (var connection = new SqliteConnection($"Data Source={_stores.LastSqlitePath}"))
        {
            connection.Open();
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = $"""
                INSERT INTO tag_history (repository_id, tag, old_digest, new_digest, changed_at) VALUES
                    (1, 'v1', NULL, '{one}', 1000), (1, 'v1', '{one}', '{two}', 2000), (1, 'v1', '{two}', NULL, 3000)
                """;
            insert.ExecuteNonQuery();
        }

        TagHistoryPage page = await ((ITagStore)store).ListTagHistoryAsync(app, TagName.Parse("v1"), null, 10, CancellationToken.None);

        Assert.Equal([TagChangeKind.Deleted, TagChangeKind.Moved, TagChangeKind.Created], page.Entries.Select(e => e.Kind));
        Assert.All(page.Entries, e => Assert.Null(e.Actor));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(3000), page.Entries[0].At);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stores.DisposeAsync();
}
