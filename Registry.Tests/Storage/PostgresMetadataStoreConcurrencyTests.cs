using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Storage.Metadata;
using Registry.Storage.Metadata.Postgres;
using Registry.Storage.Metadata.Tags;
using Registry.Tests.Support;

namespace Registry.Tests.Storage;

/// <summary>
/// What only a shared database has to get right: several nodes (each its own store and connection pool) migrating
/// and writing the same rows at once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMetadataStoreConcurrencyTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly RepositoryName Repo = RepositoryName.Parse("team/app");
    private static readonly ManifestDependency Config = new(D("config"), 10, DependencyKind.Blob);
    private readonly List<PostgresConnectionFactory> _factories = [];

    [Fact]
    public async Task Migrate_FromThreeNodesAtOnce_AppliesEachScriptOnceAndAllSucceed()
    {
        for (int round = 0; round < 3; round++)
        {
            string database = await server.CreateDatabaseAsync();
            PostgresConnectionFactory[] nodes = [Node(database), Node(database), Node(database)];
            NpgsqlConnection[] connections = await Task.WhenAll(nodes.Select(n => n.OpenAsync(CancellationToken.None).AsTask()));
            try
            {
                int[] applied = (await Task.WhenAll(connections.Select(c => Task.Run(() => PostgresMigrator.ApplyAsync(c, 0, CancellationToken.None))))).Select(r => r.Applied.Count).ToArray();

                Assert.Equal([0, 0, PostgresMigrator.Scripts.Count], applied.Order());
                List<int> versions = (await connections[0].QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).AsList();
                Assert.Equal(PostgresMigrator.Scripts.Select(s => s.Version), versions);
            }
            finally
            {
                foreach (NpgsqlConnection connection in connections)
                {
                    await connection.DisposeAsync();
                }
            }

            // Every node's store works, and migrating again (a later start or a separate 'migrate') changes nothing.
            IMetadataStore[] stores = nodes.Select(n => new PostgresMetadataStore(n, TimeProvider.System)).ToArray<IMetadataStore>();
            await Task.WhenAll(stores.Select(s => s.MigrateAsync(CancellationToken.None).AsTask()));
            await Task.WhenAll(stores.Select((s, i) => s.LinkBlobAsync(RepositoryName.Parse($"repo{i}"), new BlobInfo(D("x"), 1), CancellationToken.None).AsTask()));
            Assert.Equal(["repo0", "repo1", "repo2"], (await stores[0].ListRepositoriesAsync(null, null, CancellationToken.None)).Names);
        }
    }

    [Fact]
    public async Task PushingOneTag_FromTwoNodesAtOnce_AllSucceedAndTheHistoryIsOneChain()
    {
        (string database, IMetadataStore nodeA, IMetadataStore nodeB) = await TwoNodesAsync();
        TagName tag = TagName.Parse("latest");
        const int pushes = 60;

        // Both nodes push from one small set of manifests, so they also insert the same manifest rows at once.
        async Task<List<(Digest Pushed, PutManifestResult Result)>> PushAsync(IMetadataStore node, int stride)
        {
            var results = new List<(Digest, PutManifestResult)>();
            for (int i = 0; i < pushes; i++)
            {
                ManifestWrite manifest = Manifest($"m{i * stride % 7}");
                results.Add((manifest.Digest, await node.PutManifestAsync(Repo, manifest, tag, CancellationToken.None)));
            }

            return results;
        }

        var all = (await Task.WhenAll(Task.Run(() => PushAsync(nodeA, 1)), Task.Run(() => PushAsync(nodeB, 3)))).SelectMany(r => r).ToList();

        Assert.All(all, r => Assert.Equal(PutManifestStatus.Stored, r.Result.Status));
        List<(string? Old, string? New)> history = await HistoryAsync(database, tag.Value);
        Assert.Null(history[0].Old);
        for (int i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].New, history[i].Old);
            Assert.NotEqual(history[i].Old, history[i].New);
        }

        Assert.Equal((await nodeA.ResolveTagAsync(Repo, tag, CancellationToken.None))!.Digest.Value, history[^1].New);
        Assert.Equal(history.Count, await nodeB.GetTagsVersionAsync(Repo, CancellationToken.None));

        // Each push that moved the tag reported exactly the move that history recorded for it.
        var reported = all.Where(r => r.Result.PreviousTagDigest != r.Pushed.Value).Select(r => (r.Result.PreviousTagDigest, (string?)r.Pushed.Value)).ToList();
        Assert.Equal(history.OrderBy(h => h.Old).ThenBy(h => h.New), reported.OrderBy(r => r.Item1).ThenBy(r => r.Item2));
    }

    [Fact]
    public async Task DeletingAManifestWhileAnotherNodeTagsIt_NeverLeavesATagWithoutItsManifest()
    {
        (string database, IMetadataStore nodeA, IMetadataStore nodeB) = await TwoNodesAsync();
        ManifestWrite manifest = Manifest("contested");
        for (int round = 0; round < 40; round++)
        {
            await nodeA.PutManifestAsync(Repo, manifest, null, CancellationToken.None);
            TagName tag = TagName.Parse($"t{round}");

            await Task.WhenAll(
                Task.Run(async () => await nodeA.PutManifestAsync(Repo, manifest, tag, CancellationToken.None)),
                Task.Run(async () => await nodeB.DeleteManifestAsync(Repo, manifest.Digest, CancellationToken.None)));

            if (await nodeB.ResolveTagAsync(Repo, tag, CancellationToken.None) is null)
            {
                Assert.Null(await nodeB.GetManifestAsync(Repo, manifest.Digest, CancellationToken.None));
            }
        }

        await using var connection = new NpgsqlConnection(database);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM tags t LEFT JOIN manifests m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest WHERE m.digest IS NULL"));
    }

    [Fact]
    public async Task TaggingAManifest_WhileAnotherNodesDeleteOfItIsInFlight_WaitsThenRecordsItAgain()
    {
        (string database, IMetadataStore node, _) = await TwoNodesAsync();
        ManifestWrite manifest = Manifest("contested");
        await node.PutManifestAsync(Repo, manifest, TagName.Parse("old"), CancellationToken.None);

        // The other node's delete has run its statements but not committed yet.
        await using var deleter = new NpgsqlConnection(database);
        await deleter.OpenAsync();
        await using NpgsqlTransaction transaction = await deleter.BeginTransactionAsync();
        long repositoryId = await deleter.ExecuteScalarAsync<long>(MetadataSql.RepositoryId, new { Name = Repo.Value }, transaction);
        var key = new { RepositoryId = repositoryId, Digest = manifest.Digest.Value, Now = 0L, Actor = (string?)null };
        await deleter.ExecuteAsync(PostgresSql.LockManifestForDelete, key, transaction);
        await deleter.ExecuteAsync(TagSql.DeleteTagsOfManifest, key, transaction);
        await deleter.ExecuteAsync(MetadataSql.DeleteReferences, key, transaction);
        await deleter.ExecuteAsync(MetadataSql.DeleteManifest, key, transaction);

        Task<PutManifestResult> push = node.PutManifestAsync(Repo, manifest, TagName.Parse("new"), CancellationToken.None).AsTask();
        await WaitForLockWaitAsync(database);
        Assert.False(push.IsCompleted);
        await transaction.CommitAsync();

        Assert.Equal(PutManifestStatus.Stored, (await push).Status);
        Assert.NotNull(await node.GetManifestAsync(Repo, manifest.Digest, CancellationToken.None));
        Assert.Equal(manifest.Digest, (await node.ResolveTagAsync(Repo, TagName.Parse("new"), CancellationToken.None))!.Digest);
        Assert.Null(await node.ResolveTagAsync(Repo, TagName.Parse("old"), CancellationToken.None));
    }

    [Fact]
    public async Task RefusedPush_IntoAnUnknownRepository_DoesNotCreateIt()
    {
        (_, IMetadataStore store, _) = await TwoNodesAsync(linkConfig: false);
        PutManifestResult result = await store.PutManifestAsync(Repo, Manifest("m"), TagName.Parse("v1"), CancellationToken.None);
        Assert.Equal(PutManifestStatus.MissingDependency, result.Status);
        Assert.False((await store.ListTagsAsync(Repo, null, null, CancellationToken.None)).RepositoryExists);
        Assert.Empty((await store.ListRepositoriesAsync(null, null, CancellationToken.None)).Names);
    }

    [Fact]
    public async Task TestDatabases_SortLinguisticallyByDefault_SoTheContractProvesTheOrdinalColumns()
    {
        await using var connection = new NpgsqlConnection(await server.CreateDatabaseAsync());
        // Ordinal order puts 'B' (0x42) before 'a' (0x61); en-US puts 'a' first. The contract's ordering tests pass
        // only because the name columns are COLLATE "C".
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT 'a' < 'B'"));
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT 'a' < 'B' COLLATE \"C\""));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (PostgresConnectionFactory factory in _factories)
        {
            await factory.DisposeAsync();
        }
    }

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static ManifestWrite Manifest(string seed) => new(D(seed), MediaTypes.OciImageManifest, 100, null, null, null, [Config]);

    private PostgresConnectionFactory Node(string connectionString)
    {
        var factory = new PostgresConnectionFactory(Options.Create(new PostgresMetadataOptions { ConnectionString = connectionString }));
        _factories.Add(factory);
        return factory;
    }

    /// <summary>A fresh, migrated database and two stores over it with separate pools, as two nodes would have.</summary>
    private async Task<(string Database, IMetadataStore A, IMetadataStore B)> TwoNodesAsync(bool linkConfig = true)
    {
        string database = await server.CreateDatabaseAsync();
        var a = new PostgresMetadataStore(Node(database), TimeProvider.System);
        var b = new PostgresMetadataStore(Node(database), TimeProvider.System);
        await a.MigrateAsync(CancellationToken.None);
        if (linkConfig)
        {
            await a.LinkBlobAsync(Repo, new BlobInfo(Config.Digest, Config.Size), CancellationToken.None);
        }

        return (database, a, b);
    }

    /// <summary>Returns once some session of the database waits for a row lock (fails after 10 s).</summary>
    private static async Task WaitForLockWaitAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        for (int i = 0; i < 200; i++)
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("No session started waiting for a lock.");
    }

    private static async Task<List<(string? Old, string? New)>> HistoryAsync(string database, string tag)
    {
        await using var connection = new NpgsqlConnection(database);
        return (await connection.QueryAsync<(string?, string?)>(
            "SELECT old_digest, new_digest FROM tag_history WHERE tag = @Tag ORDER BY id", new { Tag = tag })).AsList();
    }
}
