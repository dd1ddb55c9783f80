using Registry.Core.Artifacts;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>What every artifact store must do (repositories, files, folders, properties, searches), written once; every test runs on each <see cref="MetadataBackend"/>.</summary>
public sealed class ArtifactStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static ArtifactChecksums Content(string seed, long size = 10)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(seed);
        return new ArtifactChecksums(Digest.Compute(DigestAlgorithm.Sha256, bytes), size,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(bytes)), Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes)));
    }

    private static ArtifactFileWrite File(string repository, string path, string seed, params ArtifactProperty[] properties)
        => new(repository, path, Content(seed), "application/java-archive", "alice", properties.Length == 0 ? null : properties);

    private static async Task<IArtifactStore> StoreWithRepositoryAsync(IMetadataStore metadata, string key = "libs", ArtifactRepositoryType type = ArtifactRepositoryType.Generic)
    {
        var store = (IArtifactStore)metadata;
        Assert.True(await store.CreateArtifactRepositoryAsync(new ArtifactRepository(key, type, false, "d", DateTimeOffset.UnixEpoch, "admin"), None));
        return store;
    }

    [Theory, MetadataBackends]
    public async Task Repositories_AreCreatedOnce_Updated_Listed_AndDeletedWithTheirFiles(MetadataBackend backend)
    {
        IArtifactStore store = await StoreWithRepositoryAsync(await CreateStoreAsync(backend));
        Assert.False(await store.CreateArtifactRepositoryAsync(new ArtifactRepository("libs", ArtifactRepositoryType.Maven, true, null, DateTimeOffset.UnixEpoch, "x"), None));
        await StoreWithRepositoryAsync((IMetadataStore)store, "apps", ArtifactRepositoryType.Maven);
        ArtifactRepository created = (await store.GetArtifactRepositoryAsync("apps", None))!;
        Assert.True(await store.UpdateArtifactRepositoryAsync(created with { AllowRedeploy = true, Description = "changed" }, None));
        Assert.False(await store.UpdateArtifactRepositoryAsync(created with { Key = "nope" }, None));

        ArtifactRepository apps = (await store.GetArtifactRepositoryAsync("apps", None))!;
        Assert.Equal((ArtifactRepositoryType.Maven, true, "changed", "admin"), (apps.Type, apps.AllowRedeploy, apps.Description, apps.CreatedBy));
        Assert.Equal(["apps", "libs"], (await store.ListArtifactRepositoriesAsync(None)).Select(r => r.Key));

        Assert.Equal(ArtifactPutStatus.Created, await store.PutFileAsync(File("libs", "a/b.txt", "x", new ArtifactProperty("k", "v")), true, None));
        Assert.Equal(1, (await store.DeleteArtifactRepositoryAsync("libs", None))?.Files);
        Assert.Null(await store.DeleteArtifactRepositoryAsync("libs", None));
        Assert.Null(await store.GetFileAsync("libs", "a/b.txt", None));
        Assert.False(await store.IsBlobReferencedAsync(Content("x").Digest, None));
    }

    [Theory, MetadataBackends]
    public async Task RemoteAndVirtualRepositories_KeepTheirClassAndSettings_ThroughCreateUpdateAndList(MetadataBackend backend)
    {
        var store = (IArtifactStore)await CreateStoreAsync(backend);
        var source = new RemoteSource(new Uri("https://registry-1.docker.io/"), "bob", "CfDJ8-protected", 600, 30, false, 720, true, ["docker.io"]);
        var remote = new ArtifactRepository("hub", ArtifactRepositoryType.Docker, false, "Docker Hub", DateTimeOffset.UnixEpoch, "admin")
        {
            Class = RepositoryClass.Remote,
            Remote = source,
        };
        var members = new VirtualMembers(["images", "hub"], "images");
        var virtualRepository = new ArtifactRepository("all", ArtifactRepositoryType.Docker, false, null, DateTimeOffset.UnixEpoch, "admin")
        {
            Class = RepositoryClass.Virtual,
            Virtual = members,
        };
        Assert.True(await store.CreateArtifactRepositoryAsync(remote, None));
        Assert.True(await store.CreateArtifactRepositoryAsync(virtualRepository, None));
        await StoreWithRepositoryAsync((IMetadataStore)store, "images", ArtifactRepositoryType.Docker);

        ArtifactRepository hub = (await store.GetArtifactRepositoryAsync("hub", None))!;
        Assert.Equal((RepositoryClass.Remote, ArtifactRepositoryType.Docker, "Docker Hub"), (hub.Class, hub.Type, hub.Description));
        Assert.Equal(source.Url, hub.Remote!.Url);
        Assert.Equal(("bob", "CfDJ8-protected", 600, 30, false, 720, true), (hub.Remote.Username, hub.Remote.ProtectedPassword,
            hub.Remote.RetrievalCachePeriodSecs, hub.Remote.MissedRetrievalCachePeriodSecs, hub.Remote.Offline, hub.Remote.UnusedArtifactsCleanupPeriodHours, hub.Remote.Mirror));
        Assert.Equal(["docker.io"], hub.Remote.Aliases);
        Assert.Null(hub.Virtual);

        ArtifactRepository all = (await store.GetArtifactRepositoryAsync("all", None))!;
        Assert.Equal(RepositoryClass.Virtual, all.Class);
        Assert.Equal(["images", "hub"], all.Virtual!.Repositories);
        Assert.Equal("images", all.Virtual.DefaultDeploymentRepo);

        Assert.True(await store.UpdateArtifactRepositoryAsync(hub with { Remote = source with { Offline = true, ProtectedPassword = null, Aliases = [] } }, None));
        hub = (await store.GetArtifactRepositoryAsync("hub", None))!;
        Assert.Equal((true, null, false), (hub.Remote!.Offline, hub.Remote.ProtectedPassword, hub.Remote.HasPassword));
        Assert.Empty(hub.Remote.Aliases);

        IReadOnlyList<ArtifactRepository> listed = await store.ListArtifactRepositoriesAsync(None);
        Assert.Equal([("all", RepositoryClass.Virtual), ("hub", RepositoryClass.Remote), ("images", RepositoryClass.Local)], listed.Select(r => (r.Key, r.Class)));
        Assert.Null(listed.Single(r => r.Key == "images").Remote);
    }

    [Theory, MetadataBackends]
    public async Task PutFile_RecordsTheBlob_ReplacesWhenAllowed_AndRefusesOtherwise(MetadataBackend backend)
    {
        IMetadataStore metadata = await CreateStoreAsync(backend);
        IArtifactStore store = await StoreWithRepositoryAsync(metadata);
        Assert.Equal(ArtifactPutStatus.RepositoryUnknown, await store.PutFileAsync(File("nope", "a.txt", "x"), true, None));
        Assert.Equal(ArtifactPutStatus.Created, await store.PutFileAsync(File("libs", "org/app/1.0/app-1.0.jar", "v1", new ArtifactProperty("build", "1")), false, None));
        Assert.Equal(ArtifactPutStatus.Exists, await store.PutFileAsync(File("libs", "org/app/1.0/app-1.0.jar", "v2"), false, None));
        Assert.Equal(Content("v1"), (await store.GetFileAsync("libs", "org/app/1.0/app-1.0.jar", None))!.Content);

        Assert.Equal(ArtifactPutStatus.Replaced, await store.PutFileAsync(File("libs", "org/app/1.0/app-1.0.jar", "v2"), true, None));
        ArtifactFile file = (await store.GetFileAsync("libs", "org/app/1.0/app-1.0.jar", None))!;
        Assert.Equal(Content("v2"), file.Content);
        Assert.Equal([new ArtifactProperty("build", "1")], file.Properties);
        Assert.Equal(("alice", "application/java-archive", "app-1.0.jar"), (file.CreatedBy, file.MimeType, file.Name));
        Assert.True(await store.IsBlobReferencedAsync(Content("v2").Digest, None));
        Assert.False(await store.IsBlobReferencedAsync(Content("v1").Digest, None));

        // The blob is known to the metadata, as image blobs are (fsck and GC see it).
        Assert.Contains(await ((IIntegrityStore)metadata).ListKnownBlobsAsync(None).ToListAsync(), b => b.Digest == Content("v2").Digest);
    }

    [Theory, MetadataBackends]
    public async Task PutFile_WhereAFolderOrAFileIsInTheWay_IsAPathConflict(MetadataBackend backend)
    {
        IArtifactStore store = await StoreWithRepositoryAsync(await CreateStoreAsync(backend));
        Assert.Equal(ArtifactPutStatus.Created, await store.PutFileAsync(File("libs", "a/b/c.txt", "x"), true, None));
        Assert.Equal(ArtifactPutStatus.PathConflict, await store.PutFileAsync(File("libs", "a/b", "y"), true, None));
        Assert.Equal(ArtifactPutStatus.PathConflict, await store.PutFileAsync(File("libs", "a/b/c.txt/d", "y"), true, None));
        Assert.Equal(ArtifactPutStatus.Created, await store.PutFileAsync(File("libs", "a/bb", "y"), true, None));
    }

    [Theory, MetadataBackends]
    public async Task Folders_ListTheirFiles_AndDeleteRecursively_WithoutTouchingLookalikes(MetadataBackend backend)
    {
        IArtifactStore store = await StoreWithRepositoryAsync(await CreateStoreAsync(backend));
        foreach (string path in new[] { "a/1.txt", "a/sub/2.txt", "a-b/3.txt", "ab/4.txt", "z.txt" })
        {
            await store.PutFileAsync(File("libs", path, path, new ArtifactProperty("p", path)), true, None);
        }

        Assert.Equal(["a/1.txt", "a/sub/2.txt"], (await store.ListFilesAsync("libs", "a", None)).Select(f => f.Path));
        Assert.Equal(5, (await store.ListFilesAsync("libs", "", None)).Count);
        Assert.Equal([new ArtifactProperty("p", "a/sub/2.txt")], (await store.ListFilesAsync("libs", "a/sub", None))[0].Properties);
        Assert.True(await store.FolderExistsAsync("libs", "a", None));
        Assert.False(await store.FolderExistsAsync("libs", "a/1.txt", None));

        Assert.Equal(2, (await store.DeletePathAsync("libs", "a", None)).Files);
        Assert.Equal(1, (await store.DeletePathAsync("libs", "z.txt", None)).Files);
        Assert.Equal(0, (await store.DeletePathAsync("libs", "missing", None)).Files);
        Assert.Equal(["a-b/3.txt", "ab/4.txt"], (await store.ListFilesAsync("libs", "", None)).Select(f => f.Path));
    }

    [Theory, MetadataBackends]
    public async Task Properties_AreSetPerNameOnFilesAndFolders_AndDeletedByName(MetadataBackend backend)
    {
        IArtifactStore store = await StoreWithRepositoryAsync(await CreateStoreAsync(backend));
        await store.PutFileAsync(File("libs", "f/a.txt", "a", new ArtifactProperty("keep", "1"), new ArtifactProperty("os", "linux")), true, None);
        await store.PutFileAsync(File("libs", "f/b.txt", "b"), true, None);

        Assert.Equal(2, await store.SetPropertiesAsync("libs", "f", [new("os", "win"), new("os", "mac")], None));
        Assert.Equal(1, await store.SetPropertiesAsync("libs", "f/b.txt", [new("qa", "passed")], None));
        Assert.Equal(0, await store.SetPropertiesAsync("libs", "nope", [new("qa", "x")], None));
        Assert.Equal(
            [new("keep", "1"), new("os", "mac"), new("os", "win")],
            (await store.GetFileAsync("libs", "f/a.txt", None))!.Properties);

        Assert.Equal(2, await store.DeletePropertiesAsync("libs", "f", ["os"], None));
        Assert.Equal([new ArtifactProperty("qa", "passed")], (await store.GetFileAsync("libs", "f/b.txt", None))!.Properties);
        Assert.Equal([new ArtifactProperty("keep", "1")], (await store.GetFileAsync("libs", "f/a.txt", None))!.Properties);
    }

    [Theory, MetadataBackends]
    public async Task Searches_FindByChecksumNameAndProperties_WithinTheGivenRepositories(MetadataBackend backend)
    {
        IArtifactStore store = await StoreWithRepositoryAsync(await CreateStoreAsync(backend));
        await StoreWithRepositoryAsync((IMetadataStore)store, "other");
        await store.PutFileAsync(File("libs", "x/App-1.0.jar", "same", new ArtifactProperty("build.number", "42"), new ArtifactProperty("vcs", "abc")), true, None);
        await store.PutFileAsync(File("other", "y/app-1.0.jar", "same", new ArtifactProperty("build.number", "43")), true, None);
        await store.PutFileAsync(File("libs", "x/app_1.0.zip", "zip", new ArtifactProperty("build.number", "42")), true, None);
        ArtifactChecksums same = Content("same");

        Assert.Equal(2, (await store.SearchByChecksumAsync(ChecksumKind.Sha256, same.Sha256.ToUpperInvariant(), null, 100, None)).Count);
        Assert.Equal(["other"], (await store.SearchByChecksumAsync(ChecksumKind.Sha1, same.Sha1, ["other"], 100, None)).Select(f => f.Repository));
        Assert.Single(await store.SearchByChecksumAsync(ChecksumKind.Md5, same.Md5, null, 1, None));
        Assert.Equal(same, await store.FindContentAsync(ChecksumKind.Md5, same.Md5, None));
        Assert.Null(await store.FindContentAsync(ChecksumKind.Sha1, new string('0', 40), None));

        Assert.True(NamePattern.TryParse("app-*.jar", out NamePattern? pattern));
        Assert.Equal(["x/App-1.0.jar", "y/app-1.0.jar"], (await store.SearchByNameAsync(pattern!, null, 100, None)).Select(f => f.Path));
        Assert.True(NamePattern.TryParse("app_1.0.*", out NamePattern? literalUnderscore));
        Assert.Equal(["x/app_1.0.zip"], (await store.SearchByNameAsync(literalUnderscore!, ["libs"], 100, None)).Select(f => f.Path));

        Assert.Equal(["x/App-1.0.jar", "x/app_1.0.zip"], (await store.SearchByPropertiesAsync([new("build.number", ["42"])], null, 100, None)).Select(f => f.Path));
        Assert.Equal(["x/App-1.0.jar"], (await store.SearchByPropertiesAsync([new("build.number", ["42", "43"]), new("vcs", [])], null, 100, None)).Select(f => f.Path));
        Assert.Equal(["y/app-1.0.jar"], (await store.SearchByPropertiesAsync([new("build.number", [])], ["other"], 100, None)).Select(f => f.Path));
        Assert.Empty(await store.SearchByPropertiesAsync([new("build.number", ["44"])], null, 100, None));
    }

    [Theory, MetadataBackends]
    public async Task RetentionPolicies_AreSetReplacedAndRemoved_AndGoWithTheirRepository(MetadataBackend backend)
    {
        IArtifactStore store = await StoreWithRepositoryAsync(await CreateStoreAsync(backend));
        var policy = new ArtifactRetentionPolicy(
            [new Registry.Core.Retention.KeepRuleSpec("recent", PushedWithin: TimeSpan.FromDays(30)), new Registry.Core.Retention.KeepRuleSpec("most-recently-pushed", Count: 3)],
            ["release", "qa=passed"], "admin", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        Assert.Null(await store.GetRetentionPolicyAsync("libs", None));
        Assert.False(await store.SetRetentionPolicyAsync("nope", policy, None));
        Assert.True(await store.SetRetentionPolicyAsync("libs", policy, None));
        ArtifactRetentionPolicy stored = (await store.GetRetentionPolicyAsync("libs", None))!;
        Assert.Equal(policy.Rules, stored.Rules);
        Assert.Equal(policy.KeepProperties, stored.KeepProperties);
        Assert.Equal((policy.UpdatedBy, policy.UpdatedAt), (stored.UpdatedBy, stored.UpdatedAt));

        Assert.True(await store.SetRetentionPolicyAsync("libs", policy with { KeepProperties = [] }, None));
        Assert.Empty((await store.GetRetentionPolicyAsync("libs", None))!.KeepProperties);
        Assert.True(await store.RemoveRetentionPolicyAsync("libs", None));
        Assert.False(await store.RemoveRetentionPolicyAsync("libs", None));

        Assert.True(await store.SetRetentionPolicyAsync("libs", policy, None));
        Assert.Equal(0, (await store.DeleteArtifactRepositoryAsync("libs", None))?.Files);
        Assert.Null(await store.GetRetentionPolicyAsync("libs", None));
    }
}
