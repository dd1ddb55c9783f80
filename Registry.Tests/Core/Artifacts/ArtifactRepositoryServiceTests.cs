using Microsoft.Extensions.Options;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Changes;
using Registry.Core.Retention;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Core.Artifacts;

/// <summary>
/// <see cref="ArtifactRepositoryService"/> against a real (SQLite) store: who may create, change and delete a repository
/// and its retention, the key/type/description rules, and one announcement per change (none for a refusal).
/// </summary>
public sealed class ArtifactRepositoryServiceTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-artifact-repositories-").FullName;
    private readonly ManualClock _clock = new(Start);
    private readonly SqliteMetadataStore _store;
    private readonly RecordingChangeFeed _feed = new();
    private readonly ArtifactRepositoryService _service;

    public ArtifactRepositoryServiceTests()
    {
        _store = new SqliteMetadataStore(new SqliteConnectionFactory(Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "r.db")}" })), _clock);
        _service = new ArtifactRepositoryService(_store, _feed, new Registry.Api.Upstream.DataProtectionCredentialProtector(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()), _clock);
    }

    private static Actor User(string name) => new(ActorKind.User, name);

    private static Permissions With(string name, AccessScope scope, Role role)
        => Permissions.ForUser(name, [new RoleGrant(name, scope, role, Start, "admin")], []);

    private static AccessScope Ns(string name) => AccessScope.Create(ScopeKind.Namespace, name);

    [Fact]
    public async Task OnlyAnAdminOfTheKey_CreatesChangesAndDeletes_AndEachChangeIsAnnouncedOnce()
    {
        await _store.MigrateAsync(None);
        Permissions owner = With("olga", Ns("libs"), Role.Admin);
        Permissions maintainer = With("max", Ns("libs"), Role.Maintainer);

        (ArtifactChangeResult denied, _) = await _service.CreateAsync(User("max"), maintainer, new ArtifactRepositoryInput { Key = "libs", PackageType = "maven", AllowRedeploy = false, Description = null }, None);
        (ArtifactChangeResult created, ArtifactRepository? repository) = await _service.CreateAsync(User("olga"), owner, new ArtifactRepositoryInput { Key = "libs", PackageType = "maven", AllowRedeploy = false, Description = "jars" }, None);
        (ArtifactChangeResult twice, _) = await _service.CreateAsync(User("olga"), owner, new ArtifactRepositoryInput { Key = "libs", PackageType = null, AllowRedeploy = false, Description = null }, None);
        (ArtifactChangeResult typeChange, _) = await _service.UpdateAsync(User("olga"), owner, repository!, new ArtifactRepositoryInput { Key = null, PackageType = "generic", AllowRedeploy = true, Description = null }, None);
        (ArtifactChangeResult updated, ArtifactRepository? changed) = await _service.UpdateAsync(User("olga"), owner, repository!, new ArtifactRepositoryInput { Key = "libs", PackageType = "maven", AllowRedeploy = true, Description = null }, None);
        (ArtifactChangeResult deniedDelete, _) = await _service.DeleteAsync(User("max"), maintainer, "libs", None);
        (ArtifactChangeResult deleted, ArtifactDeletion? removed) = await _service.DeleteAsync(User("olga"), owner, "libs", None);
        (ArtifactChangeResult gone, _) = await _service.DeleteAsync(User("olga"), owner, "libs", None);

        Assert.Equal(
            [ArtifactChangeStatus.Denied, ArtifactChangeStatus.Done, ArtifactChangeStatus.Conflict, ArtifactChangeStatus.Invalid,
             ArtifactChangeStatus.Done, ArtifactChangeStatus.Denied, ArtifactChangeStatus.Done, ArtifactChangeStatus.NotFound],
            new[] { denied, created, twice, typeChange, updated, deniedDelete, deleted, gone }.Select(r => r.Status));
        Assert.Equal((true, "jars"), (changed!.AllowRedeploy, changed.Description));
        Assert.Equal(0, removed!.Files);
        Assert.Equal(
            [(ArtifactRepositoryChange.Created, false), (ArtifactRepositoryChange.Updated, true), (ArtifactRepositoryChange.Deleted, true)],
            _feed.Changes.Cast<ArtifactRepositoryChanged>().Select(c => (c.Change, c.AllowRedeploy)));
        Assert.All(_feed.Changes, c => Assert.Equal(("olga", ArtifactRepositoryType.Maven), (c.Actor.Name, ((ArtifactRepositoryChanged)c).Type)));
    }

    [Theory]
    [InlineData("api", "maven", "reserved")]
    [InlineData("Not Valid", "maven", "not a valid repository key")]
    [InlineData("libs", "rubygems", "packageType 'rubygems' is unknown")]
    public async Task KeysAndTypes_AreChecked(string key, string type, string message)
    {
        await _store.MigrateAsync(None);

        (ArtifactChangeResult result, ArtifactRepository? repository) = await _service.CreateAsync(User("root"), With("root", AccessScope.Global, Role.Admin), new ArtifactRepositoryInput { Key = key, PackageType = type, AllowRedeploy = false, Description = null }, None);

        Assert.Equal(ArtifactChangeStatus.Invalid, result.Status);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
        Assert.Null(repository);
        Assert.Empty(_feed.Changes);
    }

    [Fact]
    public async Task Retention_IsSetAndRemovedByAMaintainer_WithItsRulesDescribed()
    {
        await _store.MigrateAsync(None);
        Permissions owner = With("olga", Ns("libs"), Role.Admin);
        await _service.CreateAsync(User("olga"), owner, new ArtifactRepositoryInput { Key = "libs", PackageType = "maven", AllowRedeploy = false, Description = null }, None);
        Permissions developer = With("dev", Ns("libs"), Role.Developer);
        Permissions maintainer = With("max", Ns("libs"), Role.Maintainer);
        KeepRuleSpec[] rules = [new KeepRuleSpec(KeepRules.HighestVersions, Count: 2)];

        (ArtifactChangeResult denied, _) = await _service.SetRetentionAsync(User("dev"), developer, "libs", rules, null, null, true, None);
        (ArtifactChangeResult invalid, _) = await _service.SetRetentionAsync(User("max"), maintainer, "libs", [], null, null, true, None);
        (ArtifactChangeResult set, ArtifactRetentionPolicy? policy) = await _service.SetRetentionAsync(User("max"), maintainer, "libs", rules, ["release"], "0 0 3 * * ?", false, None);
        ArtifactChangeResult removed = await _service.RemoveRetentionAsync(User("max"), maintainer, "libs", None);
        ArtifactChangeResult none = await _service.RemoveRetentionAsync(User("max"), maintainer, "libs", None);

        Assert.Equal(
            [ArtifactChangeStatus.Denied, ArtifactChangeStatus.Invalid, ArtifactChangeStatus.Done, ArtifactChangeStatus.Done, ArtifactChangeStatus.NotFound],
            new[] { denied, invalid, set, removed, none }.Select(r => r.Status));
        Assert.Equal(("max", "0 0 3 * * ?", false), (policy!.UpdatedBy, policy.Schedule, policy.Enabled));
        ArtifactRetentionChanged[] changes = [.. _feed.Changes.OfType<ArtifactRetentionChanged>()];
        Assert.Equal([false, true], changes.Select(c => c.Removed));
        Assert.Equal(KeepRules.CreateAll(rules)[0].Describe(), changes[0].Rules);
        Assert.Equal(("0 0 3 * * ?", false), (changes[0].Schedule, changes[0].Enabled));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
