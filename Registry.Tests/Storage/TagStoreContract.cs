using Microsoft.Extensions.Time.Testing;
using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Tests.Storage;

/// <summary>
/// What every tag store must do, written once: tag history with actors and its paging, restores (here), protection
/// rules and their enforcement inside tag changes (<c>TagStoreContract.Protection.cs</c>), floating tags and
/// settings (<c>TagStoreContract.Floating.cs</c>). A store is both an <see cref="IMetadataStore"/> and an
/// <see cref="ITagStore"/>; every test runs on each <see cref="MetadataBackend"/>.
/// </summary>
public sealed partial class TagStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly RepositoryName App = RepositoryName.Parse("team/app");
    private static readonly RepositoryName Other = RepositoryName.Parse("other/app");
    private static readonly TagName V1 = TagName.Parse("v1");

    private new async Task<(IMetadataStore Metadata, ITagStore Tags)> CreateStoreAsync(MetadataBackend backend, TimeProvider? time = null)
    {
        IMetadataStore store = (await CreateNodesAsync(backend, 1, time))[0];
        return (store, (ITagStore)store);
    }

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static ManifestWrite M(string seed, string? actor = null)
        => new(D(seed), MediaTypes.OciImageManifest, 100, null, null, null, []) { Actor = actor };

    private static async Task<PutManifestResult> PushAsync(IMetadataStore store, string seed, string? tag, string? actor = "alice", RepositoryName? repository = null)
        => await store.PutManifestAsync(repository ?? App, M(seed, actor), tag is null ? null : TagName.Parse(tag), None);

    private static async Task<Digest?> TargetAsync(IMetadataStore store, string tag, RepositoryName? repository = null)
        => (await store.ResolveTagAsync(repository ?? App, TagName.Parse(tag), None))?.Digest;

    private static async Task<IReadOnlyList<TagHistoryEntry>> HistoryAsync(ITagStore tags, string tag, RepositoryName? repository = null)
        => (await tags.ListTagHistoryAsync(repository ?? App, TagName.Parse(tag), null, 1000, None)).Entries;

    [Theory, MetadataBackends]
    public async Task History_RecordsCreateMoveAndDelete_WithActors_NewestFirst(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await PushAsync(store, "one", "v1", "alice");
        await PushAsync(store, "two", "v1", "token:ci");
        await PushAsync(store, "two", "v1", "bob");   // same digest again: no change, nothing recorded
        Assert.Equal(DeleteStatus.Deleted, (await store.DeleteTagAsync(App, V1, "carol", None)).Status);

        IReadOnlyList<TagHistoryEntry> history = await HistoryAsync(tags, "v1");

        Assert.Equal(
            [
                (TagChangeKind.Deleted, (Digest?)D("two"), (Digest?)null, "carol"),
                (TagChangeKind.Moved, D("one"), D("two"), "token:ci"),
                (TagChangeKind.Created, null, D("one"), "alice"),
            ],
            history.Select(e => (e.Kind, e.OldDigest, e.NewDigest, e.Actor)));
        Assert.All(history, e => Assert.Equal("v1", e.Tag));
        Assert.All(history, e => Assert.InRange(e.At, before, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.True(history[0].Id > history[1].Id && history[1].Id > history[2].Id);
    }

    [Theory, MetadataBackends]
    public async Task History_OfOneTag_LeavesOutOtherTagsAndRepositories(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await PushAsync(store, "one", "v1");
        await PushAsync(store, "one", "v2");
        await PushAsync(store, "one", "v1", repository: Other);

        Assert.Single(await HistoryAsync(tags, "v1"));
        Assert.Empty(await HistoryAsync(tags, "never"));
        TagHistoryPage unknown = await tags.ListTagHistoryAsync(RepositoryName.Parse("nowhere/app"), V1, null, 10, None);
        Assert.False(unknown.RepositoryExists);
        Assert.Empty(unknown.Entries);
    }

    [Theory, MetadataBackends]
    public async Task History_Pages_VisitEveryEntryOnceNewestFirst(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        for (int i = 0; i < 7; i++)
        {
            await PushAsync(store, $"m{i}", "v1", $"user{i}");
        }

        var actors = new List<string?>();
        long? before = null;
        int pages = 0;
        do
        {
            TagHistoryPage page = await tags.ListTagHistoryAsync(App, V1, before, 3, None);
            Assert.True(page.Entries.Count <= 3);
            actors.AddRange(page.Entries.Select(e => e.Actor));
            before = page.NextBefore;
            pages++;
        }
        while (before is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["user6", "user5", "user4", "user3", "user2", "user1", "user0"], actors);
    }

    [Theory, MetadataBackends]
    public async Task History_PagesBackFromACursor_NewestFirst_AndIsCounted(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        for (int i = 0; i < 7; i++)
        {
            await PushAsync(store, $"m{i}", "v1", $"user{i}");
        }

        await PushAsync(store, "other", "v2", "someone");
        IReadOnlyList<TagHistoryEntry> all = await HistoryAsync(tags, "v1");
        long Id(int i) => all[6 - i].Id;

        Assert.Equal(["user3", "user2"], (await tags.ListNewerTagHistoryAsync(App, V1, Id(1), 2, None)).Select(e => e.Actor));
        Assert.Equal(["user6", "user5"], (await tags.ListNewerTagHistoryAsync(App, V1, Id(4), 2, None)).Select(e => e.Actor));
        Assert.Equal(["user6"], (await tags.ListNewerTagHistoryAsync(App, V1, Id(5), 2, None)).Select(e => e.Actor));
        Assert.Empty(await tags.ListNewerTagHistoryAsync(App, V1, Id(6), 2, None));
        Assert.Empty(await tags.ListNewerTagHistoryAsync(RepositoryName.Parse("nowhere/app"), V1, 0, 2, None));

        Assert.Equal(7, await tags.CountTagHistoryAsync(App, V1, None));
        Assert.Equal(1, await tags.CountTagHistoryAsync(App, TagName.Parse("v2"), None));
        Assert.Equal(0, await tags.CountTagHistoryAsync(App, TagName.Parse("never"), None));
        Assert.Equal(0, await tags.CountTagHistoryAsync(RepositoryName.Parse("nowhere/app"), V1, None));
    }

    [Theory, MetadataBackends]
    public async Task DeleteManifest_RecordsEachTagsDeletionWithTheActor(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await PushAsync(store, "one", "a");
        await PushAsync(store, "one", "b");

        Assert.Equal(DeleteStatus.Deleted, (await store.DeleteManifestAsync(App, D("one"), "bob", None)).Status);

        foreach (string tag in new[] { "a", "b" })
        {
            TagHistoryEntry last = (await HistoryAsync(tags, tag))[0];
            Assert.Equal((TagChangeKind.Deleted, (Digest?)D("one"), (Digest?)null, "bob"), (last.Kind, last.OldDigest, last.NewDigest, last.Actor));
        }

        Assert.Equal(DeleteStatus.NotFound, (await store.DeleteManifestAsync(App, D("one"), "bob", None)).Status);
        Assert.Equal(DeleteStatus.NotFound, (await store.DeleteTagAsync(App, TagName.Parse("a"), "bob", None)).Status);
    }

    [Theory, MetadataBackends]
    public async Task Restore_PointsTheTagBack_AndRecordsARestoredMoveWithTheActor(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await PushAsync(store, "one", "v1", "alice");
        await PushAsync(store, "two", "v1", "bob");
        long? version = await store.GetTagsVersionAsync(App, None);

        TagRestoreResult result = await tags.RestoreTagAsync(App, V1, D("one"), "carol", None);

        Assert.Equal((TagRestoreStatus.Restored, D("two").Value), (result.Status, result.PreviousDigest));
        Assert.Equal(D("one"), await TargetAsync(store, "v1"));
        TagHistoryEntry entry = (await HistoryAsync(tags, "v1"))[0];
        Assert.Equal((TagChangeKind.Restored, (Digest?)D("two"), (Digest?)D("one"), "carol"), (entry.Kind, entry.OldDigest, entry.NewDigest, entry.Actor));
        Assert.NotEqual(version, await store.GetTagsVersionAsync(App, None));
    }

    [Theory, MetadataBackends]
    public async Task Restore_ToWhereTheTagPoints_ChangesAndRecordsNothing(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await PushAsync(store, "one", "v1");

        TagRestoreResult result = await tags.RestoreTagAsync(App, V1, D("one"), "carol", None);

        Assert.Equal(TagRestoreStatus.Unchanged, result.Status);
        Assert.Single(await HistoryAsync(tags, "v1"));
    }

    [Theory, MetadataBackends]
    public async Task Restore_OfADeletedTag_CreatesItAgain(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await PushAsync(store, "one", "v1");
        await PushAsync(store, "one", "keep");
        await store.DeleteTagAsync(App, V1, "bob", None);

        TagRestoreResult result = await tags.RestoreTagAsync(App, V1, D("one"), "carol", None);

        Assert.Equal((TagRestoreStatus.Restored, (string?)null), (result.Status, result.PreviousDigest));
        Assert.Equal(D("one"), await TargetAsync(store, "v1"));
        Assert.Equal(TagChangeKind.Restored, (await HistoryAsync(tags, "v1"))[0].Kind);
    }

    [Theory, MetadataBackends]
    public async Task Restore_ToAManifestNotInTheRepository_IsManifestUnknown_AndChangesNothing(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await PushAsync(store, "one", "v1");
        await PushAsync(store, "elsewhere", "v1", repository: Other);
        await PushAsync(store, "gone", null);
        await store.DeleteManifestAsync(App, D("gone"), "bob", None);

        foreach (string seed in new[] { "elsewhere", "gone", "never" })
        {
            Assert.Equal(TagRestoreStatus.ManifestUnknown, (await tags.RestoreTagAsync(App, V1, D(seed), "carol", None)).Status);
        }

        Assert.Equal(TagRestoreStatus.ManifestUnknown, (await tags.RestoreTagAsync(RepositoryName.Parse("nowhere/app"), V1, D("one"), "carol", None)).Status);
        Assert.Equal(D("one"), await TargetAsync(store, "v1"));
        Assert.Single(await HistoryAsync(tags, "v1"));
    }

    [Theory, MetadataBackends]
    public async Task TagDetails_GiveEachTagsDigestAndPushTime_ByName(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await PushAsync(store, "one", "b");
        await PushAsync(store, "two", "a");
        await PushAsync(store, "two", "B");

        IReadOnlyList<TagDetail>? details = await tags.ListTagDetailsAsync(App, None);

        Assert.Equal([("B", D("two")), ("a", D("two")), ("b", D("one"))], details!.Select(t => (t.Name, t.Digest)));
        Assert.All(details!, t => Assert.InRange(t.PushedAt, before, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Null(await tags.ListTagDetailsAsync(RepositoryName.Parse("nowhere/app"), None));
    }

    [Theory, MetadataBackends]
    public async Task TagDetails_PushTime_IsWhenTheTagLastMoved(MetadataBackend backend)
    {
        var clock = new FakeTimeProvider(T(0));
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend, clock);
        await PushAsync(store, "one", "v1");
        Assert.Equal(T(0), (await tags.ListTagDetailsAsync(App, None))![0].PushedAt);
        clock.Advance(TimeSpan.FromMinutes(1));

        await PushAsync(store, "one", "v1");
        Assert.Equal(T(0), (await tags.ListTagDetailsAsync(App, None))![0].PushedAt);
        clock.Advance(TimeSpan.FromMinutes(1));

        await PushAsync(store, "two", "v1");
        Assert.Equal(T(2), (await tags.ListTagDetailsAsync(App, None))![0].PushedAt);
    }

    private static AccessScope Ns(string name) => AccessScope.Create(ScopeKind.Namespace, name);

    private static AccessScope Repo(string name) => AccessScope.Create(ScopeKind.Repository, name);

    /// <summary>A time in whole milliseconds, as the stores keep them.</summary>
    private static DateTimeOffset T(int minutes) => new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(minutes);
}
