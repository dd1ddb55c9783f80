using System.Collections.Concurrent;
using Registry.Core.Catalog;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>The catalog's change sequence (every tag creation, move and deletion, in commit order) and its versions.</summary>
public sealed partial class CatalogStoreContract
{
    private static async Task<IReadOnlyList<CatalogChange>> ChangesAsync(IMetadataStore store, long since = 0, string glob = "*", int limit = 1000)
    {
        Assert.True(TagPattern.TryParse(glob, out TagPattern? pattern));
        return await Catalog(store).ListCatalogChangesAsync(since, pattern, limit, None);
    }

    private static string Describe(CatalogChange change) => $"{change.Repository}:{change.Tag}" + (change.Deleted ? " deleted" : " " + change.Entry!.Digest.Value[7..13]);

    private static Task<CatalogVersion> VersionAsync(IMetadataStore store, CatalogView? view = null)
        => Catalog(store).GetCatalogVersionAsync(view ?? CatalogView.Everything, None).AsTask();

    [Theory, MetadataBackends]
    public async Task Changes_RecordCreationMoveAndDeletion_LatestPerTagInCommitOrder(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        Assert.Empty(await ChangesAsync(store));
        Digest first = await TagAsync(store, "team/app", "1", "first");
        await TagAsync(store, "team/app", "2", "first");
        Digest second = await TagAsync(store, "team/app", "1", "second");
        await store.DeleteTagAsync(RepositoryName.Parse("team/app"), TagName.Parse("2"), None);

        IReadOnlyList<CatalogChange> changes = await ChangesAsync(store);

        Assert.Equal([$"team/app:1 {second.Value[7..13]}", "team/app:2 deleted"], changes.Select(Describe));
        Assert.True(changes[0].Sequence < changes[1].Sequence);
        Assert.Equal(changes[1].Sequence, (await VersionAsync(store)).ChangeSequence);
        Assert.Empty(await ChangesAsync(store, since: changes[1].Sequence));
        Assert.Equal([changes[1]], await ChangesAsync(store, since: changes[0].Sequence));
        Assert.Equal([$"team/app:1 {second.Value[7..13]}"], (await ChangesAsync(store, limit: 1)).Select(Describe));
        Assert.NotEqual(first, second);
    }

    [Theory, MetadataBackends]
    public async Task Changes_DeletingAManifest_LeavesATombstoneForEachOfItsTags_AndARecreatedTagIsLiveAgain(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        Digest digest = await TagAsync(store, "team/app", "a", "app");
        await TagAsync(store, "team/app", "b", "app");
        await TagAsync(store, "team/app", "c", "other");
        long before = (await VersionAsync(store)).ChangeSequence;

        Assert.True(await store.DeleteManifestAsync(RepositoryName.Parse("team/app"), digest, None));

        Assert.Equal(["team/app:a deleted", "team/app:b deleted"], (await ChangesAsync(store, before)).Select(Describe).Order());
        await TagAsync(store, "team/app", "a", "again");
        Assert.Equal(["team/app:b deleted", $"team/app:a {D("again").Value[7..13]}"], (await ChangesAsync(store, before)).Select(Describe));
    }

    [Theory, MetadataBackends]
    public async Task Changes_DeletingAManifestWithManyTags_RecordsEachOnceInOrder_AndLaterChangesFollowThem(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        Digest digest = await TagAsync(store, "team/app", "t000", "app");
        string[] tags = [.. Enumerable.Range(0, 300).Select(i => $"t{i:D3}")];
        foreach (string tag in tags.Skip(1))
        {
            await TagAsync(store, "team/app", tag, "app");
        }

        await TagAsync(store, "other/app", "keep", "other");
        CatalogVersion before = await VersionAsync(store);
        CatalogVersion teamBefore = await VersionAsync(store, CatalogView.ForPrefix("team"));
        CatalogVersion otherBefore = await VersionAsync(store, CatalogView.ForPrefix("other"));

        Assert.True(await store.DeleteManifestAsync(RepositoryName.Parse("team/app"), digest, None));

        IReadOnlyList<CatalogChange> changes = await ChangesAsync(store, before.ChangeSequence);
        Assert.Equal(tags.Select(t => $"team/app:{t} deleted"), changes.Select(Describe).Order());
        Assert.Equal(changes.Count, changes.Select(c => c.Sequence).Distinct().Count());
        Assert.True(changes.Zip(changes.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        CatalogVersion after = await VersionAsync(store);
        Assert.Equal(changes[^1].Sequence, after.ChangeSequence);
        Assert.NotEqual(teamBefore, await VersionAsync(store, CatalogView.ForPrefix("team")));
        Assert.Equal(otherBefore, await VersionAsync(store, CatalogView.ForPrefix("other")));

        await TagAsync(store, "team/app", "t000", "again");
        IReadOnlyList<CatalogChange> later = await ChangesAsync(store, after.ChangeSequence);
        Assert.Equal([$"team/app:t000 {D("again").Value[7..13]}"], later.Select(Describe));
        Assert.True(later[0].Sequence > after.ChangeSequence);
    }

    [Theory, MetadataBackends]
    public async Task Changes_FilterByGlob_AndRepushingTheSameDigestIsNoChange(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        await TagAsync(store, "team/app", "17.0.1", "a");
        await TagAsync(store, "team/app", "latest", "a");
        CatalogVersion version = await VersionAsync(store);

        await TagAsync(store, "team/app", "latest", "a");

        Assert.Equal(version, await VersionAsync(store));
        Assert.Equal(["team/app:17.0.1 " + D("a").Value[7..13]], (await ChangesAsync(store, glob: "17.*")).Select(Describe));
    }

    [Theory, MetadataBackends]
    public async Task Version_MovesWithTagChangesAndPullsInTheView_AndOnlyThere(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        CatalogView team = CatalogView.ForPrefix("team");
        Assert.Equal(new CatalogVersion(0, 0, 0), await VersionAsync(store, team));
        Digest app = await TagAsync(store, "team/app", "1", "app");
        CatalogVersion afterPush = await VersionAsync(store, team);

        await TagAsync(store, "other/app", "1", "other");
        await Catalog(store).RecordPullsAsync([new PullCount(RepositoryName.Parse("other/app"), D("other"), 1, Start)], None);
        Assert.Equal(afterPush, await VersionAsync(store, team));
        Assert.True((await VersionAsync(store)).ChangeSequence > afterPush.ChangeSequence);

        await Catalog(store).RecordPullsAsync([new PullCount(RepositoryName.Parse("team/app"), app, 1, Start)], None);
        CatalogVersion afterPull = await VersionAsync(store, team);
        Assert.NotEqual(afterPush, afterPull);
        Assert.Equal(afterPush.ChangeSequence, afterPull.ChangeSequence);

        await store.DeleteTagAsync(RepositoryName.Parse("team/app"), TagName.Parse("1"), None);
        CatalogVersion afterDelete = await VersionAsync(store, team);
        Assert.True(afterDelete.ChangeSequence > afterPull.ChangeSequence);
        Assert.NotEqual(afterPull.Version, afterDelete.Version);
    }

    [Theory, MetadataBackends]
    public async Task Version_OfTheWholeCatalog_MovesWithEveryChangeAndPullFlush(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        CatalogVersion empty = await VersionAsync(store);
        Digest app = await TagAsync(store, "team/app", "1", "app");
        CatalogVersion pushed = await VersionAsync(store);
        await Catalog(store).RecordPullsAsync([new PullCount(RepositoryName.Parse("team/app"), app, 1, Start)], None);
        CatalogVersion pulled = await VersionAsync(store);

        Assert.Equal(3, new[] { empty, pushed, pulled }.Distinct().Count());
        Assert.Equal(pushed.ChangeSequence, pulled.ChangeSequence);
        Assert.Equal(pulled, await VersionAsync(store));
    }

    [Theory, MetadataBackends]
    public async Task Changes_PolledWhileSeveralNodesMoveTags_MissNothing(MetadataBackend backend)
    {
        IMetadataStore[] nodes = await CreateNodesAsync(backend, 2, TimeProvider.System);
        string[] repositories = ["team/a", "team/b"];
        using var done = new CancellationTokenSource();
        var seen = new ConcurrentDictionary<string, string>();
        long cursor = 0;

        async Task PollAsync()
        {
            while (true)
            {
                bool last = done.IsCancellationRequested;
                foreach (CatalogChange change in await ChangesAsync(nodes[1], cursor, limit: 7))
                {
                    Assert.True(change.Sequence > cursor, $"sequence {change.Sequence} after cursor {cursor}");
                    cursor = change.Sequence;
                    seen[$"{change.Repository}:{change.Tag}"] = change.Deleted ? "deleted" : change.Entry!.Digest.Value;
                }

                if (last && (await ChangesAsync(nodes[1], cursor)).Count == 0)
                {
                    return;
                }

                await Task.Delay(2);
            }
        }

        async Task WriteAsync(IMetadataStore node, int writer)
        {
            for (int i = 0; i < 15; i++)
            {
                string repository = repositories[(writer + i) % 2];
                string tag = "t" + ((writer * 7 + i) % 5);
                if (i % 6 == 5)
                {
                    await node.DeleteTagAsync(RepositoryName.Parse(repository), TagName.Parse(tag), None);
                }
                else
                {
                    await TagAsync(node, repository, tag, $"w{writer}-{i}");
                }
            }
        }

        Task poller = Task.Run(PollAsync);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() => WriteAsync(nodes[w % 2], w))));
        await done.CancelAsync();
        await poller;

        var live = (await ListAsync(nodes[0])).ToDictionary(e => $"{e.Repository}:{e.Tag}", e => e.Digest.Value);
        Assert.Equal(live.OrderBy(p => p.Key), seen.Where(p => p.Value != "deleted").OrderBy(p => p.Key));
        Assert.Equal(cursor, (await VersionAsync(nodes[0])).ChangeSequence);
    }
}
