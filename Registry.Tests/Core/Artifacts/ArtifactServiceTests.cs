using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Registry.Core.Artifacts;
using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Core.Artifacts;

/// <summary>
/// <see cref="ArtifactService"/> against a real (SQLite) store: its rules (Maven layout, immutable releases, property
/// syntax) and what it announces: one record per change that happened, none for a refusal.
/// </summary>
public sealed class ArtifactServiceTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Actor Deployer = new(ActorKind.User, "dev");
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-artifact-service-").FullName;
    private readonly ManualClock _clock = new(Start);
    private readonly SqliteMetadataStore _store;
    private readonly RecordingChangeFeed _feed = new();
    private readonly ArtifactService _service;

    public ArtifactServiceTests()
    {
        _store = new SqliteMetadataStore(new SqliteConnectionFactory(Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "a.db")}" })), _clock);
        _service = new ArtifactService(_store, _feed, _clock);
    }

    private static ArtifactChecksums Content(string seed)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(seed);
        return new ArtifactChecksums(Digest.Compute(DigestAlgorithm.Sha256, bytes), bytes.Length, Convert.ToHexStringLower(SHA1.HashData(bytes)), Convert.ToHexStringLower(MD5.HashData(bytes)));
    }

    private async Task<ArtifactRepository> RepositoryAsync(ArtifactRepositoryType type, bool allowRedeploy = false)
    {
        await _store.MigrateAsync(None);
        var repository = new ArtifactRepository("libs", type, allowRedeploy, null, Start, "admin");
        Assert.True(await _store.CreateArtifactRepositoryAsync(repository, None));
        return repository;
    }

    private ValueTask<ArtifactDeployResult> DeployAsync(ArtifactRepository repository, string path, string seed)
        => _service.DeployAsync(Deployer, repository, path, Content(seed), null, null, byChecksum: false, None);

    [Fact]
    public async Task AMavenReleaseFile_IsNotOverwritten_ASnapshotIs_AndOnlyWhatHappenedIsAnnounced()
    {
        ArtifactRepository maven = await RepositoryAsync(ArtifactRepositoryType.Maven);
        const string Release = "org/acme/app/1.0/app-1.0.jar";
        const string Snapshot = "org/acme/app/1.1-SNAPSHOT/app-1.1-20260101.000000-1.jar";

        Assert.Equal(ArtifactPutStatus.Created, (await DeployAsync(maven, Release, "one")).Status);
        Assert.Equal(ArtifactPutStatus.Exists, (await _service.CheckDeployAsync(maven, Release, None))?.Status);
        ArtifactDeployResult again = await DeployAsync(maven, Release, "two");
        Assert.Equal(ArtifactPutStatus.Exists, again.Status);
        Assert.Contains("releases cannot be overwritten", again.Message, StringComparison.Ordinal);
        Assert.Null(await _service.CheckDeployAsync(maven, Snapshot, None));
        Assert.Equal(ArtifactPutStatus.Created, (await DeployAsync(maven, Snapshot, "s1")).Status);
        Assert.Equal(ArtifactPutStatus.Replaced, (await DeployAsync(maven, Snapshot, "s2")).Status);

        Assert.Equal(Content("one").Digest, (await _store.GetFileAsync("libs", Release, None))!.Content.Digest);
        Assert.Equal(
            [(Release, false), (Snapshot, false), (Snapshot, true)],
            _feed.Changes.Cast<ArtifactDeployed>().Select(d => (d.Path, d.Replaced)));
        Assert.All(_feed.Changes, c => Assert.Same(Deployer, c.Actor));
    }

    [Fact]
    public async Task ARepositoryThatAllowsRedeploy_ReplacesAReleaseFile()
    {
        ArtifactRepository maven = await RepositoryAsync(ArtifactRepositoryType.Maven, allowRedeploy: true);

        await DeployAsync(maven, "org/acme/app/1.0/app-1.0.jar", "one");
        ArtifactDeployResult replaced = await DeployAsync(maven, "org/acme/app/1.0/app-1.0.jar", "two");

        Assert.Equal(ArtifactPutStatus.Replaced, replaced.Status);
        ArtifactDeployed announced = Assert.IsType<ArtifactDeployed>(_feed.Changes[^1]);
        Assert.Equal((Content("two").Digest, 3L, true), (announced.Digest, announced.Size, announced.Replaced));
    }

    [Fact]
    public async Task AGenericFile_IsNotOverwrittenUnlessTheRepositoryAllowsRedeploy()
    {
        ArtifactRepository generic = await RepositoryAsync(ArtifactRepositoryType.Generic);

        Assert.Equal(ArtifactPutStatus.Created, (await DeployAsync(generic, "app/app.tar.gz", "one")).Status);
        Assert.Equal(ArtifactPutStatus.Exists, (await _service.CheckDeployAsync(generic, "app/app.tar.gz", None))?.Status);
        ArtifactDeployResult again = await DeployAsync(generic, "app/app.tar.gz", "two");

        Assert.Equal(ArtifactPutStatus.Exists, again.Status);
        Assert.Contains("cannot be overwritten unless the repository allows redeploy", again.Message, StringComparison.Ordinal);
        Assert.Equal(Content("one").Digest, (await _store.GetFileAsync("libs", "app/app.tar.gz", None))!.Content.Digest);
        Assert.Single(_feed.Changes);
        Assert.True(ArtifactService.IsImmutable(generic, "app/app.tar.gz"));
        Assert.False(ArtifactService.IsImmutable(generic with { AllowRedeploy = true }, "app/app.tar.gz"));
    }

    [Fact]
    public async Task APathOutsideTheMavenLayout_IsRefusedBeforeAndAtTheDeploy_AndNothingIsStored()
    {
        ArtifactRepository maven = await RepositoryAsync(ArtifactRepositoryType.Maven);

        ArtifactDeployResult? early = await _service.CheckDeployAsync(maven, "app.jar", None);
        ArtifactDeployResult deploy = await DeployAsync(maven, "app.jar", "x");

        Assert.Equal(ArtifactPutStatus.Invalid, early?.Status);
        Assert.Equal((ArtifactPutStatus.Invalid, early!.Message), (deploy.Status, deploy.Message));
        Assert.Null(await _store.GetFileAsync("libs", "app.jar", None));
        Assert.Empty(_feed.Changes);
    }

    [Fact]
    public async Task DeletingAFolder_AnnouncesOneDeletionWithItsFiles_AndNothingThereAnnouncesNothing()
    {
        ArtifactRepository generic = await RepositoryAsync(ArtifactRepositoryType.Generic);
        await DeployAsync(generic, "a/one.txt", "one");
        await DeployAsync(generic, "a/b/two.txt", "two");
        int deploys = _feed.Changes.Count;

        ArtifactDeletion removed = await _service.DeleteAsync(Deployer, "libs", "a", None);
        ArtifactDeletion nothing = await _service.DeleteAsync(Deployer, "libs", "a", None);
        ArtifactDeletion root = await _service.DeleteAsync(Deployer, "libs", string.Empty, None);

        Assert.Equal(2, removed.Files);
        Assert.Equal((0, 0), (nothing.Files, root.Files));
        ArtifactDeleted announced = Assert.IsType<ArtifactDeleted>(Assert.Single(_feed.Changes.Skip(deploys)));
        Assert.Equal(("libs", "a", 2, removed.BlobsUnreferenced, removed.BytesUnreferenced),
            (announced.Repository, announced.Path, announced.Files, announced.BlobsUnreferenced, announced.BytesUnreferenced));
    }

    [Fact]
    public async Task Properties_AreCheckedForSyntax_AndAnnouncedAsGiven()
    {
        ArtifactRepository generic = await RepositoryAsync(ArtifactRepositoryType.Generic);
        await DeployAsync(generic, "a/one.txt", "one");
        int deploys = _feed.Changes.Count;

        ArtifactChangeResult invalid = await _service.SetPropertiesAsync(Deployer, "libs", "a/one.txt", "bad name=1", None);
        ArtifactChangeResult missing = await _service.SetPropertiesAsync(Deployer, "libs", "nowhere", "qa=passed", None);
        ArtifactChangeResult set = await _service.SetPropertiesAsync(Deployer, "libs", "a", "qa=passed|team=a,b", None);
        ArtifactChangeResult removedMissing = await _service.DeletePropertiesAsync(Deployer, "libs", "nowhere", ["qa"], None);
        ArtifactChangeResult removed = await _service.DeletePropertiesAsync(Deployer, "libs", "a/one.txt", ["team"], None);

        Assert.Equal(
            [ArtifactChangeStatus.Invalid, ArtifactChangeStatus.NotFound, ArtifactChangeStatus.Done, ArtifactChangeStatus.NotFound, ArtifactChangeStatus.Done],
            new[] { invalid, missing, set, removedMissing, removed }.Select(r => r.Status));
        Assert.Equal(
            [(false, "qa=passed|team=a,b", 1), (true, "team", 1)],
            _feed.Changes.Skip(deploys).Cast<ArtifactPropertiesChanged>().Select(p => (p.Removed, p.Properties, p.Files)));
        Assert.Equal([new ArtifactProperty("qa", "passed")], (await _store.GetFileAsync("libs", "a/one.txt", None))!.Properties);
    }

    [Fact]
    public async Task RemoteAndVirtualRepositories_RefuseDeploys_WhileARemoteRecordsWhatItFetched_AsTheRemote()
    {
        await _store.MigrateAsync(None);
        var remote = new ArtifactRepository("cache", ArtifactRepositoryType.Maven, false, null, Start, "admin")
        {
            Class = RepositoryClass.Remote,
            Remote = new RemoteSource(new Uri("https://repo.example/maven2/"), null, null, 300, 60, false, 0, false, []),
        };
        var virtualRepository = new ArtifactRepository("all", ArtifactRepositoryType.Maven, false, null, Start, "admin")
        {
            Class = RepositoryClass.Virtual,
            Virtual = new VirtualMembers(["cache"], null),
        };
        Assert.True(await _store.CreateArtifactRepositoryAsync(remote, None));
        Assert.True(await _store.CreateArtifactRepositoryAsync(virtualRepository, None));
        const string Metadata = "org/acme/app/maven-metadata.xml";

        Assert.Equal(ArtifactPutStatus.NotDeployable, (await DeployAsync(remote, Metadata, "one")).Status);
        Assert.Equal(ArtifactPutStatus.NotDeployable, (await _service.CheckDeployAsync(virtualRepository, Metadata, None))?.Status);
        Assert.Contains("defaultDeploymentRepo", (await DeployAsync(virtualRepository, Metadata, "one")).Message);
        Assert.Empty(_feed.Changes);

        Assert.Equal(ArtifactPutStatus.Created, (await _service.CacheAsync(remote, Metadata, Content("one"), null, None)).Status);
        Assert.Equal(ArtifactPutStatus.Replaced, (await _service.CacheAsync(remote, Metadata, Content("two"), null, None)).Status);
        Assert.All(_feed.Changes, c => Assert.Equal(new Actor(ActorKind.System, "remote:cache"), c.Actor));
        Assert.Equal("remote:cache", (await _store.GetFileAsync("cache", Metadata, None))!.CreatedBy);
        Assert.Equal(ArtifactPutStatus.NotDeployable, (await _service.CacheAsync(await RepositoryAsync(ArtifactRepositoryType.Maven), Metadata, Content("x"), null, None)).Status);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
