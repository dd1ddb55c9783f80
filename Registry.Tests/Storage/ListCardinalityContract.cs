using Registry.Core.Access;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;
using Registry.Core.Usage;

namespace Registry.Tests.Storage;

/// <summary>
/// Every list read of the metadata stores with no rows, one row and several, on each <see cref="MetadataBackend"/>:
/// the row mapping has to cope with an empty result, a single row and aggregates over several (and over none), in
/// both dialects alike. Pages are asked for two at a time, so three rows take a second page.
/// </summary>
public sealed class ListCardinalityContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly RepositoryName Repo = RepositoryName.Parse("team/app");

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static ManifestWrite Manifest(string seed, Digest? subject = null, long layerSize = 10)
        => new(D(seed), MediaTypes.OciImageManifest, 100, subject is null ? null : "application/vnd.example", subject, null,
            [new ManifestDependency(D("layer-" + seed), layerSize, DependencyKind.Blob)]);

    private static async Task PushAsync(IMetadataStore store, RepositoryName repository, string seed, string? tag = null, Digest? subject = null)
    {
        await store.LinkBlobAsync(repository, new BlobInfo(D("layer-" + seed), 10), None);
        PutManifestResult stored = await store.PutManifestAsync(repository, Manifest(seed, subject), tag is null ? null : TagName.Parse(tag), None);
        Assert.Equal(PutManifestStatus.Stored, stored.Status);
    }

    [Theory]
    [MetadataBackends(0)]
    [MetadataBackends(1)]
    [MetadataBackends(3)]
    public async Task Repositories_AndTheirUsage(MetadataBackend backend, int count)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        for (int i = 0; i < count; i++)
        {
            await PushAsync(store, RepositoryName.Parse($"team/r{i}"), $"m{i}", "v1");
        }

        RepositoryPage first = await store.ListRepositoriesAsync(null, 2, None);
        Assert.Equal(Enumerable.Range(0, Math.Min(count, 2)).Select(i => $"team/r{i}"), first.Names);
        Assert.Equal(count > 2, first.HasMore);
        if (first.HasMore)
        {
            RepositoryPage second = await store.ListRepositoriesAsync(first.Names[^1], 2, None);
            Assert.Equal(["team/r2"], second.Names);
            Assert.False(second.HasMore);
        }

        var usage = (IUsageStore)store;
        IReadOnlyList<RepositoryUsage> repositories = await usage.ListRepositoryUsageAsync("team", None);
        Assert.Equal(count, repositories.Count);
        Assert.All(repositories, r => Assert.Equal((110L, 2L), (r.Bytes, r.Blobs)));
        Assert.Equal(new StorageUsage(110L * count, 2L * count), await usage.GetNamespaceUsageAsync("team", None));
        Assert.Equal(110L * count, await store.GetStoredBytesAsync(None));
    }

    [Theory]
    [MetadataBackends(0)]
    [MetadataBackends(1)]
    [MetadataBackends(3)]
    public async Task Tags_TheirDetails_AndTheirHistory(MetadataBackend backend, int count)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var tags = (ITagStore)store;
        await PushAsync(store, Repo, "base");
        for (int i = 0; i < count; i++)
        {
            await PushAsync(store, Repo, $"m{i}", "latest");
            await PushAsync(store, Repo, $"m{i}", $"t{i}");
        }

        TagPage page = await store.ListTagsAsync(Repo, null, 2, None);
        string[] names = [.. Enumerable.Range(0, count).Select(i => $"t{i}").Prepend(count > 0 ? "latest" : null).OfType<string>().Order(StringComparer.Ordinal)];
        Assert.True(page.RepositoryExists);
        Assert.Equal(names.Take(2), page.Tags);
        Assert.Equal(names.Length > 2, page.HasMore);

        IReadOnlyList<TagDetail>? details = await tags.ListTagDetailsAsync(Repo, None);
        Assert.Equal(names, details!.Select(d => d.Name));

        TagHistoryPage history = await tags.ListTagHistoryAsync(Repo, TagName.Parse("latest"), null, 2, None);
        Assert.True(history.RepositoryExists);
        Assert.Equal(Math.Min(count, 2), history.Entries.Count);
        Assert.Equal(count > 2 ? history.Entries[^1].Id : null, history.NextBefore);
        Assert.Equal(Enumerable.Range(0, count).Reverse().Take(2).Select(i => (Digest?)D($"m{i}")), history.Entries.Select(e => e.NewDigest));
    }

    [Theory]
    [MetadataBackends(0)]
    [MetadataBackends(1)]
    [MetadataBackends(3)]
    public async Task Referrers(MetadataBackend backend, int count)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        await PushAsync(store, Repo, "subject", "v1");
        for (int i = 0; i < count; i++)
        {
            await PushAsync(store, Repo, $"sig{i}", subject: D("subject"));
        }

        IReadOnlyList<ManifestRecord> referrers = await store.ListReferrersAsync(Repo, D("subject"), null, None);
        Assert.Equal(Enumerable.Range(0, count).Select(i => D($"sig{i}")).ToHashSet(), referrers.Select(r => r.Digest).ToHashSet());
        Assert.Equal(count, (await store.ListReferrersAsync(Repo, D("subject"), "application/vnd.example", None)).Count);
        Assert.Empty(await store.ListReferrersAsync(Repo, D("subject"), "application/other", None));
    }

    [Theory]
    [MetadataBackends(0)]
    [MetadataBackends(1)]
    [MetadataBackends(3)]
    public async Task ProtectionRules_AndQuotas(MetadataBackend backend, int count)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var tags = (ITagStore)store;
        var usage = (IUsageStore)store;
        DateTimeOffset at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        for (int i = 0; i < count; i++)
        {
            Assert.NotNull(await tags.CreateProtectionRuleAsync(
                new TagProtectionRule(0, AccessScope.Create(ScopeKind.Namespace, "team"), $"v{i}.*", TagProtectionKind.Immutable, "admin", at), None));
            await usage.SetQuotaAsync(new NamespaceQuota($"ns{i}", 1000 + i, "admin", at), None);
        }

        Assert.Equal(count, (await tags.ListProtectionRulesAsync(None)).Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"v{i}.*"), (await tags.ListProtectionRulesForAsync(Repo, None)).Select(r => r.Pattern));
        Assert.Equal(Enumerable.Range(0, count).Select(i => ($"ns{i}", 1000L + i)), (await usage.ListQuotasAsync(None)).Select(q => (q.Namespace, q.Bytes)));
    }

    [Theory]
    [MetadataBackends(0)]
    [MetadataBackends(1)]
    [MetadataBackends(3)]
    public async Task AuditEntries_NewestFirst_InPages(MetadataBackend backend, int count)
    {
        var access = (IAccessStore)await CreateStoreAsync(backend);
        DateTimeOffset at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        if (count > 0)
        {
            await access.AppendAuditAsync([.. Enumerable.Range(0, count).Select(i => new AuditEntry(0, at.AddSeconds(i), "admin", null, "tag.delete", $"team/app:t{i}", null, true))], None);
        }

        IReadOnlyList<AuditEntry> first = await access.ListAuditAsync(new AuditQuery(Limit: 2), None);
        Assert.Equal(Enumerable.Range(0, count).Reverse().Take(2).Select(i => $"team/app:t{i}"), first.Select(e => e.Target));
        if (count > 2)
        {
            IReadOnlyList<AuditEntry> second = await access.ListAuditAsync(new AuditQuery(BeforeId: first[^1].Id, Limit: 2), None);
            Assert.Equal(["team/app:t0"], second.Select(e => e.Target));
        }

        Assert.Equal(count, (await access.ListAuditAsync(new AuditQuery(Action: "tag.*", TargetPrefix: "team/"), None)).Count);
    }
}
