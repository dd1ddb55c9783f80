using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Tests.Storage;

/// <summary>The tag store contract on SQLite; several "nodes" are separate store instances on one database file.</summary>
public sealed class SqliteTagStoreTests : TagStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-sqlite-tags-").FullName;
    private int _count;

    protected override async Task<IMetadataStore[]> CreateNodesAsync(int count, TimeProvider time)
    {
        string path = Path.Combine(_directory, $"registry-{Interlocked.Increment(ref _count)}.db");
        var options = Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={path}" });
        var nodes = new IMetadataStore[count];
        for (int i = 0; i < count; i++)
        {
            var store = new SqliteMetadataStore(new SqliteConnectionFactory(options), time);
            await store.MigrateAsync(CancellationToken.None);
            nodes[i] = store;
        }

        return nodes;
    }

    [Fact]
    public async Task History_RowsFromBeforeActorsWereRecorded_GetTheirKindFromTheDigests()
    {
        IMetadataStore store = (await CreateNodesAsync(1))[0];
        var app = RepositoryName.Parse("team/app");
        Digest one = Digest.Compute(DigestAlgorithm.Sha256, [1]);
        Digest two = Digest.Compute(DigestAlgorithm.Sha256, [2]);
        await store.PutManifestAsync(app, new ManifestWrite(one, Registry.Core.Primitives.MediaTypes.OciImageManifest, 1, null, null, null, []), null, CancellationToken.None);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, $"registry-{_count}.db")}"))
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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
