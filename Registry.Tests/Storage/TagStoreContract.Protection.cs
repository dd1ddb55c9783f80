using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Tests.Storage;

public sealed partial class TagStoreContract
{
    private static async Task<TagProtectionRule> RuleAsync(ITagStore tags, AccessScope scope, string pattern, TagProtectionKind kind)
        => (await tags.CreateProtectionRuleAsync(new TagProtectionRule(0, scope, pattern, kind, "maintainer", T(1)), None))!;

    [Theory, MetadataBackends]
    public async Task ProtectionRules_RoundTrip_AndAreListedByIdAndByRepository(MetadataBackend backend)
    {
        (_, ITagStore tags) = await CreateStoreAsync(backend);

        TagProtectionRule a = await RuleAsync(tags, Ns("team"), @"\d+\.\d+\.\d+", TagProtectionKind.Immutable);
        TagProtectionRule b = await RuleAsync(tags, Repo("team/app"), "latest", TagProtectionKind.ProtectedFromDeletion);
        TagProtectionRule c = await RuleAsync(tags, Repo("team/other"), ".*", TagProtectionKind.Immutable);
        TagProtectionRule d = await RuleAsync(tags, Ns("other"), ".*", TagProtectionKind.Immutable);

        Assert.True(a.Id > 0 && b.Id > a.Id && c.Id > b.Id && d.Id > c.Id);
        Assert.Equal(new TagProtectionRule(a.Id, Ns("team"), @"\d+\.\d+\.\d+", TagProtectionKind.Immutable, "maintainer", T(1)), a);
        Assert.Equal(b, await tags.GetProtectionRuleAsync(b.Id, None));
        Assert.Null(await tags.GetProtectionRuleAsync(d.Id + 100, None));
        Assert.Equal([a, b, c, d], await tags.ListProtectionRulesAsync(None));
        Assert.Equal([a, b], await tags.ListProtectionRulesForAsync(App, None));
        Assert.Equal([a], await tags.ListProtectionRulesForAsync(RepositoryName.Parse("team/app/sub"), None));
        Assert.Empty(await tags.ListProtectionRulesForAsync(RepositoryName.Parse("teams/app"), None));

        Assert.True(await tags.DeleteProtectionRuleAsync(b.Id, None));
        Assert.False(await tags.DeleteProtectionRuleAsync(b.Id, None));
        Assert.Equal([a, c, d], await tags.ListProtectionRulesAsync(None));
    }

    [Theory, MetadataBackends]
    public async Task ProtectionRule_Duplicate_IsRefused_ButAnotherKindOrScopeIsNot(MetadataBackend backend)
    {
        (_, ITagStore tags) = await CreateStoreAsync(backend);
        await RuleAsync(tags, Ns("team"), "1.*", TagProtectionKind.Immutable);

        Assert.Null(await tags.CreateProtectionRuleAsync(new TagProtectionRule(0, Ns("team"), "1.*", TagProtectionKind.Immutable, "someone", T(2)), None));
        Assert.NotNull(await tags.CreateProtectionRuleAsync(new TagProtectionRule(0, Ns("team"), "1.*", TagProtectionKind.ProtectedFromDeletion, "someone", T(2)), None));
        Assert.NotNull(await tags.CreateProtectionRuleAsync(new TagProtectionRule(0, Repo("team"), "1.*", TagProtectionKind.Immutable, "someone", T(2)), None));
        Assert.Equal(3, (await tags.ListProtectionRulesAsync(None)).Count);
    }

    [Theory, MetadataBackends]
    public async Task ImmutableTag_CanBeCreatedAndRepushed_ButAPushMovingItIsRefusedAndWritesNothing(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        TagProtectionRule rule = await RuleAsync(tags, Ns("team"), @"\d+\.\d+\.\d+", TagProtectionKind.Immutable);
        Assert.Equal(PutManifestStatus.Stored, (await PushAsync(store, "one", "1.0.0")).Status);
        Assert.Equal(PutManifestStatus.Stored, (await PushAsync(store, "one", "1.0.0")).Status);
        long? version = await store.GetTagsVersionAsync(App, None);

        PutManifestResult refused = await PushAsync(store, "two", "1.0.0", "bob");

        Assert.Equal(PutManifestStatus.TagProtected, refused.Status);
        Assert.Equal((rule, "1.0.0", "team/app"), (refused.Violation!.Rule, refused.Violation.Tag, refused.Violation.Repository));
        Assert.Equal(D("one"), await TargetAsync(store, "1.0.0"));
        Assert.Null(await store.GetManifestAsync(App, D("two"), None));
        Assert.Single(await HistoryAsync(tags, "1.0.0"));
        Assert.Equal(version, await store.GetTagsVersionAsync(App, None));

        // Tags the pattern does not match, and other namespaces, move as before.
        Assert.Equal(PutManifestStatus.Stored, (await PushAsync(store, "one", "latest")).Status);
        Assert.Equal(PutManifestStatus.Stored, (await PushAsync(store, "two", "latest")).Status);
        Assert.Equal(PutManifestStatus.Stored, (await PushAsync(store, "one", "1.0.0", repository: Other)).Status);
        Assert.Equal(PutManifestStatus.Stored, (await PushAsync(store, "two", "1.0.0", repository: Other)).Status);
    }

    [Theory, MetadataBackends]
    public async Task ImmutableTag_PushOfAManifestAlreadyInTheRepository_IsRefusedToo(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await RuleAsync(tags, Repo("team/app"), "stable", TagProtectionKind.Immutable);
        await PushAsync(store, "one", "stable");
        await PushAsync(store, "two", "other");

        Assert.Equal(PutManifestStatus.TagProtected, (await PushAsync(store, "two", "stable")).Status);
        Assert.Equal(D("one"), await TargetAsync(store, "stable"));
        Assert.Equal(D("two"), await TargetAsync(store, "other"));
    }

    [Theory, MetadataBackends]
    public async Task ImmutableTag_CannotBeDeletedOrRestoredElsewhere_UntilItsRuleIsDeleted(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await PushAsync(store, "one", "v1");
        await PushAsync(store, "two", "v2");
        TagProtectionRule rule = await RuleAsync(tags, Ns("team"), "v.*", TagProtectionKind.Immutable);

        DeleteResult deleteTag = await store.DeleteTagAsync(App, V1, "bob", None);
        DeleteResult deleteManifest = await store.DeleteManifestAsync(App, D("one"), "bob", None);
        TagRestoreResult restore = await tags.RestoreTagAsync(App, V1, D("two"), "bob", None);

        Assert.Equal((DeleteStatus.Protected, rule), (deleteTag.Status, deleteTag.Violation!.Rule));
        Assert.Equal((DeleteStatus.Protected, rule, "v1"), (deleteManifest.Status, deleteManifest.Violation!.Rule, deleteManifest.Violation.Tag));
        Assert.Equal((TagRestoreStatus.Protected, rule), (restore.Status, restore.Violation!.Rule));
        Assert.Equal(D("one"), await TargetAsync(store, "v1"));
        Assert.NotNull(await store.GetManifestAsync(App, D("one"), None));
        Assert.Single(await HistoryAsync(tags, "v1"));

        Assert.True(await tags.DeleteProtectionRuleAsync(rule.Id, None));
        Assert.Equal(TagRestoreStatus.Restored, (await tags.RestoreTagAsync(App, V1, D("two"), "bob", None)).Status);
        Assert.Equal(DeleteStatus.Deleted, (await store.DeleteTagAsync(App, V1, "bob", None)).Status);
    }

    [Theory, MetadataBackends]
    public async Task ProtectedFromDeletion_TagMoves_ButNeitherItNorItsManifestIsDeleted(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        TagProtectionRule rule = await RuleAsync(tags, Repo("team/app"), "release", TagProtectionKind.ProtectedFromDeletion);
        await PushAsync(store, "one", "release");
        await PushAsync(store, "one", "also");

        Assert.Equal(PutManifestStatus.Stored, (await PushAsync(store, "two", "release")).Status);
        Assert.Equal(DeleteStatus.Deleted, (await store.DeleteManifestAsync(App, D("one"), "bob", None)).Status);

        DeleteResult deleteTag = await store.DeleteTagAsync(App, TagName.Parse("release"), "bob", None);
        DeleteResult deleteManifest = await store.DeleteManifestAsync(App, D("two"), "bob", None);

        Assert.Equal((DeleteStatus.Protected, rule), (deleteTag.Status, deleteTag.Violation!.Rule));
        Assert.Equal((DeleteStatus.Protected, rule), (deleteManifest.Status, deleteManifest.Violation!.Rule));
        Assert.Equal(D("two"), await TargetAsync(store, "release"));
        Assert.NotNull(await store.GetManifestAsync(App, D("two"), None));
        Assert.False(await store.DeleteTagAsync(App, TagName.Parse("release"), None));
    }

    [Theory, MetadataBackends]
    public async Task Protection_OfATagThatDoesNotExist_IsNotFound(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await PushAsync(store, "one", "other");
        await RuleAsync(tags, Ns("team"), ".*", TagProtectionKind.ProtectedFromDeletion);

        Assert.Equal(DeleteStatus.NotFound, (await store.DeleteTagAsync(App, V1, "bob", None)).Status);
        Assert.Equal(DeleteStatus.NotFound, (await store.DeleteTagAsync(RepositoryName.Parse("team/none"), V1, "bob", None)).Status);
    }

    [Theory, MetadataBackends]
    public async Task UntaggedManifest_UnderRules_IsDeleted(MetadataBackend backend)
    {
        (IMetadataStore store, ITagStore tags) = await CreateStoreAsync(backend);
        await RuleAsync(tags, Ns("team"), ".*", TagProtectionKind.Immutable);
        await PushAsync(store, "one", null);

        Assert.Equal(DeleteStatus.Deleted, (await store.DeleteManifestAsync(App, D("one"), "bob", None)).Status);
    }

    [Theory, MetadataBackends]
    public async Task ConcurrentPushes_OfDifferentManifestsToOneImmutableTag_OnTwoNodes_LetExactlyOneWin(MetadataBackend backend)
    {
        IMetadataStore[] nodes = await CreateNodesAsync(backend, 2);
        await RuleAsync((ITagStore)nodes[0], Ns("team"), "release", TagProtectionKind.Immutable);

        PutManifestResult[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(async () => await PushAsync(nodes[i % 2], $"m{i}", "release", $"user{i}"))));

        int winner = Assert.Single(Enumerable.Range(0, 8), i => results[i].Status == PutManifestStatus.Stored);
        Assert.All(results.Where(r => r.Status != PutManifestStatus.Stored), r => Assert.Equal(PutManifestStatus.TagProtected, r.Status));
        Assert.Equal(D($"m{winner}"), await TargetAsync(nodes[1], "release"));
        TagHistoryEntry only = Assert.Single(await HistoryAsync((ITagStore)nodes[0], "release"));
        Assert.Equal(($"user{winner}", TagChangeKind.Created), (only.Actor, only.Kind));
    }
}
