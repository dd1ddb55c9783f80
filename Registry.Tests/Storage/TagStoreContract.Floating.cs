using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Tests.Storage;

public sealed partial class TagStoreContract
{
    [Theory, MetadataBackends]
    public async Task FloatingSettings_AreOffByDefault_AndCanBeSetBeforeTheRepositoryExists(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        Assert.Equal(FloatingTagSettings.Off, await tags.GetFloatingTagSettingsAsync(App, None));

        await tags.SetFloatingTagSettingsAsync(App, new FloatingTagSettings(true, true), "alice", None);
        await tags.SetFloatingTagSettingsAsync(Other, new FloatingTagSettings(true, false), "alice", None);
        await tags.SetFloatingTagSettingsAsync(Other, new FloatingTagSettings(false, true), "bob", None);

        Assert.Equal(new FloatingTagSettings(true, true), await tags.GetFloatingTagSettingsAsync(App, None));
        Assert.Equal(new FloatingTagSettings(false, true), await tags.GetFloatingTagSettingsAsync(Other, None));
        Assert.False((await store.ListTagsAsync(App, null, null, None)).RepositoryExists);
    }

    [Theory, MetadataBackends]
    public async Task FloatingTags_FollowASequenceOfVersionPushes(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await tags.SetFloatingTagSettingsAsync(App, new FloatingTagSettings(true, true), "alice", None);

        PutManifestResult first = await PushAsync(store, "17.0.1", "17.0.1");
        Assert.Equal([("17", null, D("17.0.1").Value), ("17.0", null, D("17.0.1").Value), ("latest", null, D("17.0.1").Value)],
            first.Floated.Select(m => (m.Tag, m.OldDigest, m.NewDigest)));
        await ExpectAsync(("17", "17.0.1"), ("17.0", "17.0.1"), ("latest", "17.0.1"));

        await PushAsync(store, "17.0.12", "17.0.12");
        await ExpectAsync(("17", "17.0.12"), ("17.0", "17.0.12"), ("latest", "17.0.12"));

        await PushAsync(store, "17.1.0", "17.1.0");
        await ExpectAsync(("17", "17.1.0"), ("17.0", "17.0.12"), ("17.1", "17.1.0"), ("latest", "17.1.0"));

        PutManifestResult patch = await PushAsync(store, "17.0.13", "17.0.13");
        Assert.Equal(["17.0"], patch.Floated.Select(m => m.Tag));
        await ExpectAsync(("17", "17.1.0"), ("17.0", "17.0.13"), ("17.1", "17.1.0"), ("latest", "17.1.0"));

        PutManifestResult rc = await PushAsync(store, "18.0.0-rc1", "18.0.0-rc1");
        Assert.Empty(rc.Floated);
        Assert.Null(await TargetAsync(store, "18"));

        await PushAsync(store, "18.0.0", "18.0.0");
        await ExpectAsync(("17", "17.1.0"), ("17.0", "17.0.13"), ("18", "18.0.0"), ("18.0", "18.0.0"), ("latest", "18.0.0"));

        // Each floating move is in the tag's history, by the floating-tags actor.
        IReadOnlyList<TagHistoryEntry> history = await HistoryAsync(tags, "17.0");
        Assert.Equal(
            [
                (TagChangeKind.Moved, (Digest?)D("17.0.12"), (Digest?)D("17.0.13")),
                (TagChangeKind.Moved, D("17.0.1"), D("17.0.12")),
                (TagChangeKind.Created, null, D("17.0.1")),
            ],
            history.Select(e => (e.Kind, e.OldDigest, e.NewDigest)));
        Assert.All(history, e => Assert.Equal(FloatingTagPlanner.Actor, e.Actor));
        Assert.Equal("alice", (await HistoryAsync(tags, "18.0.0"))[0].Actor);

        async Task ExpectAsync(params (string Tag, string Seed)[] expected)
        {
            foreach ((string tag, string seed) in expected)
            {
                Assert.True(D(seed) == await TargetAsync(store, tag), $"{tag} should point at {seed}");
            }
        }
    }

    [Theory, MetadataBackends]
    public async Task FloatingTags_WithoutFloatLatest_LeaveLatestAlone(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await tags.SetFloatingTagSettingsAsync(App, new FloatingTagSettings(true, false), "alice", None);
        await PushAsync(store, "manual", "latest");

        await PushAsync(store, "1.0.0", "1.0.0");

        Assert.Equal(D("manual"), await TargetAsync(store, "latest"));
        Assert.Equal(D("1.0.0"), await TargetAsync(store, "1.0"));
    }

    [Theory, MetadataBackends]
    public async Task FloatingTags_WhenOff_AreNotMoved(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await tags.SetFloatingTagSettingsAsync(Other, new FloatingTagSettings(true, true), "alice", None);

        PutManifestResult result = await PushAsync(store, "1.0.0", "1.0.0");

        Assert.Empty(result.Floated);
        Assert.Equal(["1.0.0"], (await store.ListTagsAsync(App, null, null, None)).Tags);
    }

    [Theory, MetadataBackends]
    public async Task FloatingTag_UnderAnImmutableRule_IsSkipped_AndThePushStillSucceeds(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await tags.SetFloatingTagSettingsAsync(App, new FloatingTagSettings(true, false), "alice", None);
        TagProtectionRule rule = await RuleAsync(tags, Ns("team"), @"\d+", TagProtectionKind.Immutable);
        await PushAsync(store, "1.0.0", "1.0.0");   // creates 1 (creating an immutable tag is allowed) and 1.0

        PutManifestResult result = await PushAsync(store, "1.0.1", "1.0.1");

        Assert.Equal(PutManifestStatus.Stored, result.Status);
        Assert.Equal(["1.0"], result.Floated.Select(m => m.Tag));
        TagProtectionViolation skipped = Assert.Single(result.FloatSkipped);
        Assert.Equal(("1", rule), (skipped.Tag, skipped.Rule));
        Assert.Equal(D("1.0.0"), await TargetAsync(store, "1"));
        Assert.Equal(D("1.0.1"), await TargetAsync(store, "1.0"));
    }

    [Theory, MetadataBackends]
    public async Task ConcurrentReleasePushes_OnTwoNodes_LeaveTheFloatingTagsAtTheHighest(MetadataBackend backend)
    {
        IMetadataStore[] nodes = await CreateNodesAsync(backend, 2);
        await ((ITagStore)nodes[0]).SetFloatingTagSettingsAsync(App, new FloatingTagSettings(true, true), "alice", None);

        await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            Task.Run(async () => await PushAsync(nodes[i % 2], $"1.0.{i}", $"1.0.{i}"))));

        foreach (string tag in new[] { "1", "1.0", "latest" })
        {
            Assert.True(D("1.0.10") == await TargetAsync(nodes[0], tag), $"{tag} should point at 1.0.10");
        }
    }
}
