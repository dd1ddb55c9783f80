using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Registry.Api.Upstream;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Changes;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Core.Artifacts;

/// <summary>
/// <see cref="ArtifactRepositoryService"/>'s rules for remote and virtual repositories against a real (SQLite)
/// store: a remote's URL, credentials (encrypted, kept, replaced, removed), periods, mirror and aliases; a virtual's
/// members and default deployment repository; members not deleted while a virtual uses them; and what the change
/// record says (class, URL, members; never a password).
/// </summary>
public sealed class RemoteAndVirtualRepositoryRulesTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Actor Root = new(ActorKind.User, "root");
    private static readonly Permissions Admin = Permissions.ForUser("root", [new RoleGrant("root", AccessScope.Global, Role.Admin, Start, "root")], []);
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-remote-rules-").FullName;
    private readonly SqliteMetadataStore _store;
    private readonly RecordingChangeFeed _feed = new();
    private readonly DataProtectionCredentialProtector _protector = new(new EphemeralDataProtectionProvider());
    private readonly ArtifactRepositoryService _service;

    public RemoteAndVirtualRepositoryRulesTests()
    {
        var clock = new ManualClock(Start);
        _store = new SqliteMetadataStore(new SqliteConnectionFactory(Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "r.db")}" })), clock);
        _service = new ArtifactRepositoryService(_store, _feed, _protector, clock);
    }

    private static ArtifactRepositoryInput Remote(string key, string type = "docker", string url = "https://registry-1.docker.io")
        => new() { Key = key, Class = "remote", PackageType = type, Url = url };

    private async Task<ArtifactRepository> CreateAsync(ArtifactRepositoryInput input)
    {
        (ArtifactChangeResult result, ArtifactRepository? repository) = await _service.CreateAsync(Root, Admin, input, None);
        Assert.True(result.Succeeded, result.Message);
        return repository!;
    }

    private async Task<ArtifactChangeResult> RefusedCreateAsync(ArtifactRepositoryInput input)
    {
        (ArtifactChangeResult result, ArtifactRepository? repository) = await _service.CreateAsync(Root, Admin, input, None);
        Assert.Null(repository);
        return result;
    }

    [Fact]
    public async Task ARemote_StoresItsPasswordEncrypted_AndAnnouncesItsClassAndUrl_NeverThePassword()
    {
        await _store.MigrateAsync(None);

        await CreateAsync(Remote("hub") with { Username = "bot", Password = "s3cret-pass", Mirror = true, Aliases = ["Docker.IO", "index.docker.io:443"] });

        ArtifactRepository stored = (await _store.GetArtifactRepositoryAsync("hub", None))!;
        Assert.Equal(RepositoryClass.Remote, stored.Class);
        RemoteSource remote = stored.Remote!;
        Assert.Equal(("bot", true, true), (remote.Username, remote.HasPassword, remote.Mirror));
        Assert.NotEqual("s3cret-pass", remote.ProtectedPassword);
        Assert.DoesNotContain("s3cret-pass", remote.ProtectedPassword!, StringComparison.Ordinal);
        Assert.Equal("s3cret-pass", _protector.Unprotect(remote.ProtectedPassword!));
        Assert.Equal((RemoteSource.DefaultRetrievalCachePeriodSecs, RemoteSource.DefaultMissedRetrievalCachePeriodSecs, false, 0),
            (remote.RetrievalCachePeriodSecs, remote.MissedRetrievalCachePeriodSecs, remote.Offline, remote.UnusedArtifactsCleanupPeriodHours));
        Assert.Equal(["docker.io", "index.docker.io:443"], remote.Aliases);
        ArtifactRepositoryChanged change = Assert.IsType<ArtifactRepositoryChanged>(Assert.Single(_feed.Changes));
        Assert.Equal((RepositoryClass.Remote, ArtifactRepositoryType.Docker, "https://registry-1.docker.io/"), (change.Class, change.Type, change.Url?.ToString()));
        Assert.DoesNotContain("s3cret", JsonSerializer.Serialize(change), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://mirror.example.com/maven2", "not an absolute http or https URL")]
    [InlineData("maven2/", "not an absolute http or https URL")]
    [InlineData("https://bot:pw@repo.example.com/maven2", "must not hold credentials")]
    [InlineData("https://repo.example.com/maven2?token=1", "must not have a query or fragment")]
    [InlineData("https://repo.example.com/maven2#top", "must not have a query or fragment")]
    public async Task ARemoteUrl_IsAbsoluteHttpWithoutCredentialsQueryOrFragment(string url, string message)
    {
        await _store.MigrateAsync(None);

        ArtifactChangeResult result = await RefusedCreateAsync(Remote("central", "maven", url));

        Assert.Equal((ArtifactChangeStatus.Invalid, "url"), (result.Status, result.Field));
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
        Assert.Empty(_feed.Changes);
    }

    [Fact]
    public async Task ARemote_NeedsAUrl_AndAPasswordNeedsAUsername()
    {
        await _store.MigrateAsync(None);

        ArtifactChangeResult noUrl = await RefusedCreateAsync(new ArtifactRepositoryInput { Key = "central", Class = "remote", PackageType = "maven" });
        ArtifactChangeResult noUser = await RefusedCreateAsync(Remote("central", "maven", "https://repo.example.com/") with { Password = "pw" });

        Assert.Equal(("url", "password"), (noUrl.Field, noUser.Field));
        Assert.Contains("needs 'url'", noUrl.Message, StringComparison.Ordinal);
        Assert.Contains("needs a username", noUser.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retrievalCachePeriodSecs", -1)]
    [InlineData("retrievalCachePeriodSecs", RemoteSourceRules.MaxCachePeriodSecs + 1)]
    [InlineData("missedRetrievalCachePeriodSecs", -1)]
    [InlineData("unusedArtifactsCleanupPeriodHours", -1)]
    [InlineData("unusedArtifactsCleanupPeriodHours", RemoteSourceRules.MaxCleanupPeriodHours + 1)]
    public async Task Periods_AreBounded(string field, int value)
    {
        await _store.MigrateAsync(None);
        ArtifactRepositoryInput input = Remote("hub") with
        {
            RetrievalCachePeriodSecs = field == "retrievalCachePeriodSecs" ? value : 0,
            MissedRetrievalCachePeriodSecs = field == "missedRetrievalCachePeriodSecs" ? value : RemoteSourceRules.MaxCachePeriodSecs,
            UnusedArtifactsCleanupPeriodHours = field == "unusedArtifactsCleanupPeriodHours" ? value : RemoteSourceRules.MaxCleanupPeriodHours,
        };

        ArtifactChangeResult result = await RefusedCreateAsync(input);

        Assert.Equal((ArtifactChangeStatus.Invalid, field), (result.Status, result.Field));
    }

    [Theory]
    [InlineData("maven")]
    [InlineData("generic")]
    public async Task ACleanupPeriod_IsForDockerRemotes_WhosePullsAreRecorded(string type)
    {
        await _store.MigrateAsync(None);

        ArtifactChangeResult result = await RefusedCreateAsync(Remote("central", type, "https://repo.example.com/") with { UnusedArtifactsCleanupPeriodHours = 24 });

        Assert.Equal((ArtifactChangeStatus.Invalid, "unusedArtifactsCleanupPeriodHours"), (result.Status, result.Field));
        Assert.Contains("only to docker remotes", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("maven", true, new string[0], "mirror")]
    [InlineData("generic", null, new[] { "repo.example.com" }, "aliases")]
    [InlineData("docker", null, new[] { "not a host" }, "aliases")]
    [InlineData("docker", null, new[] { "docker.io:99999" }, "aliases")]
    [InlineData("docker", null, new[] { "docker.io", "DOCKER.io" }, "aliases")]
    public async Task MirrorAndAliases_AreForDockerRemotes_AndAliasesAreHostNames(string type, bool? mirror, string[] aliases, string field)
    {
        await _store.MigrateAsync(None);

        ArtifactChangeResult result = await RefusedCreateAsync(Remote("up", type) with { Mirror = mirror, Aliases = aliases });

        Assert.Equal((ArtifactChangeStatus.Invalid, field), (result.Status, result.Field));
    }

    [Fact]
    public async Task AnUpdate_KeepsAnOmittedPassword_ReplacesAGivenOne_AndRemovesItWithAnEmptyString()
    {
        await _store.MigrateAsync(None);
        ArtifactRepository created = await CreateAsync(Remote("hub") with { Username = "bot", Password = "first" });

        (_, ArtifactRepository? kept) = await _service.UpdateAsync(Root, Admin, created, new() { Offline = true, RetrievalCachePeriodSecs = 600 }, None);
        (_, ArtifactRepository? replaced) = await _service.UpdateAsync(Root, Admin, kept!, new() { Password = "second", Url = "https://mirror.gcr.io" }, None);
        (_, ArtifactRepository? removed) = await _service.UpdateAsync(Root, Admin, replaced!, new() { Password = "", Username = "" }, None);

        Assert.Equal(created.Remote!.ProtectedPassword, kept!.Remote!.ProtectedPassword);
        Assert.Equal((true, 600, "bot"), (kept.Remote.Offline, kept.Remote.RetrievalCachePeriodSecs, kept.Remote.Username));
        Assert.Equal("second", _protector.Unprotect(replaced!.Remote!.ProtectedPassword!));
        Assert.Equal("https://mirror.gcr.io/", replaced.Remote.Url.ToString());
        Assert.Equal((false, null, true), (removed!.Remote!.HasPassword, removed.Remote.Username, removed.Remote.Offline));
        Assert.Equal((RepositoryClass.Remote, false), ((await _store.GetArtifactRepositoryAsync("hub", None))!.Class, (await _store.GetArtifactRepositoryAsync("hub", None))!.Remote!.HasPassword));
        Assert.Equal("https://mirror.gcr.io/", _feed.Changes.OfType<ArtifactRepositoryChanged>().Last().Url?.ToString());
    }

    [Theory]
    [InlineData("virtual", null, "rclass")]
    [InlineData(null, "maven", "packageType")]
    public async Task ClassAndPackageType_NeverChange(string? rclass, string? packageType, string field)
    {
        await _store.MigrateAsync(None);
        ArtifactRepository created = await CreateAsync(Remote("hub"));

        (ArtifactChangeResult result, _) = await _service.UpdateAsync(Root, Admin, created, new() { Class = rclass, PackageType = packageType }, None);

        Assert.Equal((ArtifactChangeStatus.Invalid, field), (result.Status, result.Field));
        Assert.Single(_feed.Changes);
    }

    [Fact]
    public async Task FieldsOfAnotherClass_AreRefused()
    {
        await _store.MigrateAsync(None);

        ArtifactChangeResult urlOnLocal = await RefusedCreateAsync(new() { Key = "libs", PackageType = "maven", Url = "https://repo.example.com/" });
        ArtifactChangeResult membersOnRemote = await RefusedCreateAsync(Remote("hub") with { Repositories = [] });
        ArtifactChangeResult redeployOnVirtual = await RefusedCreateAsync(new() { Key = "all", Class = "virtual", AllowRedeploy = true });
        ArtifactChangeResult unknownClass = await RefusedCreateAsync(new() { Key = "x", Class = "federated" });

        Assert.Equal(["url", "repositories", "allowRedeploy", "rclass"], new[] { urlOnLocal, membersOnRemote, redeployOnVirtual, unknownClass }.Select(r => r.Field));
        Assert.Contains("applies only to remote repositories; this one is local", urlOnLocal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVirtual_HasExistingLocalOrRemoteMembersOfItsType_OnceEach_AndDeploysToALocalMember()
    {
        await _store.MigrateAsync(None);
        await CreateAsync(new() { Key = "libs", PackageType = "maven" });
        await CreateAsync(Remote("central", "maven", "https://repo.maven.apache.org/maven2/"));
        await CreateAsync(new() { Key = "files", PackageType = "generic" });
        await CreateAsync(new() { Key = "group", Class = "virtual", PackageType = "maven" });

        ArtifactChangeResult missing = await RefusedCreateAsync(new() { Key = "all", Class = "virtual", PackageType = "maven", Repositories = ["libs", "nope"] });
        ArtifactChangeResult nested = await RefusedCreateAsync(new() { Key = "all", Class = "virtual", PackageType = "maven", Repositories = ["group"] });
        ArtifactChangeResult otherType = await RefusedCreateAsync(new() { Key = "all", Class = "virtual", PackageType = "maven", Repositories = ["files"] });
        ArtifactChangeResult twice = await RefusedCreateAsync(new() { Key = "all", Class = "virtual", PackageType = "maven", Repositories = ["libs", "libs"] });
        ArtifactChangeResult remoteDeploy = await RefusedCreateAsync(new() { Key = "all", Class = "virtual", PackageType = "maven", Repositories = ["libs", "central"], DefaultDeploymentRepo = "central" });
        ArtifactChangeResult nonMemberDeploy = await RefusedCreateAsync(new() { Key = "all", Class = "virtual", PackageType = "maven", Repositories = ["central"], DefaultDeploymentRepo = "libs" });
        ArtifactRepository all = await CreateAsync(new() { Key = "all", Class = "virtual", PackageType = "maven", Repositories = ["libs", "central"], DefaultDeploymentRepo = "libs" });
        (ArtifactChangeResult self, _) = await _service.UpdateAsync(Root, Admin, all, new() { Repositories = ["all"] }, None);
        (ArtifactChangeResult dropsDeployTarget, _) = await _service.UpdateAsync(Root, Admin, all, new() { Repositories = ["central"] }, None);

        Assert.Equal(
            ["does not exist", "is virtual", "is generic", "named twice", "must be a local member", "must be a local member", "its own member", "must be a local member"],
            new[] { missing, nested, otherType, twice, remoteDeploy, nonMemberDeploy, self, dropsDeployTarget }.Select(r => Fragment(r.Message!)));
        Assert.Equal("libs", all.Virtual!.DefaultDeploymentRepo);
        Assert.Equal(["libs", "central"], (await _store.GetArtifactRepositoryAsync("all", None))!.Virtual!.Repositories);
        Assert.Equal(["libs", "central"], _feed.Changes.OfType<ArtifactRepositoryChanged>().Last().Members);

        static string Fragment(string message) => new[] { "does not exist", "is virtual", "is generic", "named twice", "must be a local member", "its own member" }
            .FirstOrDefault(f => message.Contains(f, StringComparison.Ordinal)) ?? message;
    }

    [Fact]
    public async Task AMemberOfAVirtual_IsNotDeleted_UntilTheVirtualLetsGoOfIt()
    {
        await _store.MigrateAsync(None);
        await CreateAsync(Remote("hub"));
        ArtifactRepository images = await CreateAsync(new() { Key = "images", Class = "virtual", PackageType = "docker", Repositories = ["hub"] });

        (ArtifactChangeResult refused, _) = await _service.DeleteAsync(Root, Admin, "hub", None);
        (ArtifactChangeResult emptied, _) = await _service.UpdateAsync(Root, Admin, images, new() { Repositories = [] }, None);
        (ArtifactChangeResult deleted, _) = await _service.DeleteAsync(Root, Admin, "hub", None);

        Assert.Equal(ArtifactChangeStatus.Conflict, refused.Status);
        Assert.Contains("member of virtual repository 'images'", refused.Message, StringComparison.Ordinal);
        Assert.Equal((true, true), (emptied.Succeeded, deleted.Succeeded));
        Assert.Null(await _store.GetArtifactRepositoryAsync("hub", None));
    }

    [Fact]
    public async Task ADockerLocal_DeclaresANamespace_AndMayAllowRedeploy()
    {
        await _store.MigrateAsync(None);

        ArtifactRepository team = await CreateAsync(new() { Key = "team", PackageType = "docker", AllowRedeploy = true });

        Assert.Equal((ArtifactRepositoryType.Docker, RepositoryClass.Local, true, null, null), (team.Type, team.Class, team.AllowRedeploy, team.Remote, team.Virtual));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
