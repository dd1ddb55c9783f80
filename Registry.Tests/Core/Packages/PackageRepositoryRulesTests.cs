using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Registry.Core.Artifacts;
using Registry.Core.Changes;
using Registry.Core.Packages;
using Registry.Core.Primitives;
using Registry.Core.Retention;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Core.Packages;

/// <summary>
/// What npm, PyPI and NuGet repositories share with every artifact repository and where they differ: version folders
/// (npm scopes included) are retention's versions and <c>.meta/</c> never is; a published version is immutable unless
/// the repository allows redeploy, <c>.meta/</c> is replaced; a plain deploy is refused with the client URL to use.
/// </summary>
public sealed class PackageRepositoryRulesTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Publisher = new(ActorKind.User, "ci");
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-package-rules-").FullName;
    private readonly ManualClock _clock = new(Now);
    private readonly SqliteMetadataStore _store;
    private readonly RecordingChangeFeed _feed = new();
    private readonly ArtifactService _service;

    public PackageRepositoryRulesTests()
    {
        _store = new SqliteMetadataStore(new SqliteConnectionFactory(Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "p.db")}" })), _clock);
        _service = new ArtifactService(_store, _feed, _clock);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static ArtifactChecksums Content(string seed)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(seed);
        return new ArtifactChecksums(Digest.Compute(DigestAlgorithm.Sha256, bytes), bytes.Length, Convert.ToHexStringLower(SHA1.HashData(bytes)), Convert.ToHexStringLower(MD5.HashData(bytes)));
    }

    private static ArtifactFile File(string path, int daysAgo)
        => new("repo", path, Content(path), null, Now.AddDays(-daysAgo), "ci", Now.AddDays(-daysAgo), "ci", []);

    [Theory]
    [InlineData(ArtifactRepositoryType.Npm, "left-pad/1.0.0", true)]
    [InlineData(ArtifactRepositoryType.Npm, "@acme/ui/2.0.0-beta.1", true)]
    [InlineData(ArtifactRepositoryType.Npm, "@acme/ui", false)]
    [InlineData(ArtifactRepositoryType.Npm, "left-pad", false)]
    [InlineData(ArtifactRepositoryType.Npm, ".meta/npm/left-pad", false)]
    [InlineData(ArtifactRepositoryType.Pypi, "requests/2.32.0", true)]
    [InlineData(ArtifactRepositoryType.Pypi, "requests/2.32.0/extra", false)]
    [InlineData(ArtifactRepositoryType.Nuget, "newtonsoft.json/13.0.3", true)]
    [InlineData(ArtifactRepositoryType.Nuget, ".meta/nuget", false)]
    public void VersionFolders_AreTheLayoutsDepth_NeverMetadata(ArtifactRepositoryType type, string folder, bool isVersion)
        => Assert.Equal(isVersion, PackageLayout.IsVersionFolder(type, folder));

    [Fact]
    public void Retention_KeepsTheNewestVersionsPerPackage_AndDeletesOldPreReleases_NeverTouchingMetadata()
    {
        ArtifactFile[] files =
        [
            File("left-pad/1.0.0/left-pad-1.0.0.tgz", 90), File("left-pad/1.0.0/package.json", 90),
            File("left-pad/1.1.0/left-pad-1.1.0.tgz", 60), File("left-pad/1.1.0/package.json", 60),
            File("left-pad/2.0.0-rc.1/left-pad-2.0.0-rc.1.tgz", 45), File("left-pad/2.0.0-rc.1/package.json", 45),
            File("left-pad/2.0.0-rc.2/left-pad-2.0.0-rc.2.tgz", 3), File("left-pad/2.0.0-rc.2/package.json", 3),
            File("@acme/ui/1.0.0/ui-1.0.0.tgz", 200), File("@acme/ui/1.0.0/package.json", 200),
            File(".meta/npm/left-pad/dist-tags.json", 400),
        ];

        // "Delete pre-releases older than 30 days": every release is kept by highest-versions, a pre-release only while recent.
        var policy = new ArtifactRetentionPolicy(
            [new KeepRuleSpec(KeepRules.HighestVersions, Count: 20), new KeepRuleSpec(KeepRules.Recent, PushedWithin: TimeSpan.FromDays(30))], [], "admin", Now);
        ArtifactRetentionPlan plan = ArtifactRetentionPlan.Create(ArtifactRepositoryType.Npm, files, policy, Now);

        Assert.Equal(new Dictionary<string, bool>
        {
            ["left-pad/1.0.0"] = true,
            ["left-pad/1.1.0"] = true,
            ["left-pad/2.0.0-rc.1"] = false,
            ["left-pad/2.0.0-rc.2"] = true,
            ["@acme/ui/1.0.0"] = true,
        }, plan.Decisions.ToDictionary(d => d.Version.Folder, d => d.Keep));
        Assert.Equal(2, Assert.Single(plan.Deleted).Version.Files.Count);

        // "Keep the newest 20 versions" with 21 versions deletes the oldest one only.
        ArtifactFile[] many = [.. Enumerable.Range(0, 21).Select(i => File($"requests/2.{i}.0/requests-2.{i}.0-py3-none-any.whl", 100 - i))];
        ArtifactRetentionPlan newest = ArtifactRetentionPlan.Create(ArtifactRepositoryType.Pypi, many,
            new ArtifactRetentionPolicy([new KeepRuleSpec(KeepRules.MostRecentlyPushed, Count: 20)], [], "admin", Now), Now);
        Assert.Equal("requests/2.0.0", Assert.Single(newest.Deleted).Version.Folder);
    }

    [Theory]
    [InlineData(ArtifactRepositoryType.Npm, "api/npm/pkgs/")]
    [InlineData(ArtifactRepositoryType.Pypi, "api/pypi/pkgs/simple/")]
    [InlineData(ArtifactRepositoryType.Nuget, "api/nuget/v3/pkgs/index.json")]
    public async Task APlainDeploy_IsRefused_WithTheClientUrl_AndAPublishedVersionIsImmutable_ButMetadataIsReplaced(ArtifactRepositoryType type, string apiPath)
    {
        await _store.MigrateAsync(None);
        var repository = new ArtifactRepository("pkgs", type, false, null, Now, "admin");
        Assert.True(await _store.CreateArtifactRepositoryAsync(repository, None));

        ArtifactDeployResult plain = await _service.DeployAsync(Publisher, repository, "x/1.0.0/x-1.0.0.tgz", Content("plain"), null, null, false, None);
        Assert.Equal(ArtifactPutStatus.NotDeployable, plain.Status);
        Assert.Contains("/artifactory/" + apiPath, plain.Message, StringComparison.Ordinal);
        Assert.Null(await _store.GetFileAsync("pkgs", "x/1.0.0/x-1.0.0.tgz", None));

        Assert.Equal(ArtifactPutStatus.Created, (await _service.PublishPackageFileAsync(Publisher, repository, "x/1.0.0/x-1.0.0.tgz", Content("one"), null, null, None)).Status);
        ArtifactDeployResult again = await _service.PublishPackageFileAsync(Publisher, repository, "x/1.0.0/x-1.0.0.tgz", Content("two"), null, null, None);
        Assert.Equal(ArtifactPutStatus.Exists, again.Status);
        Assert.Equal(Content("one").Digest, (await _store.GetFileAsync("pkgs", "x/1.0.0/x-1.0.0.tgz", None))!.Content.Digest);

        Assert.Equal(ArtifactPutStatus.Created, (await _service.PublishPackageFileAsync(Publisher, repository, ".meta/x/tags.json", Content("a"), null, null, None)).Status);
        Assert.Equal(ArtifactPutStatus.Replaced, (await _service.PublishPackageFileAsync(Publisher, repository, ".meta/x/tags.json", Content("b"), null, null, None)).Status);

        var redeploy = repository with { Key = "pkgs-redeploy", AllowRedeploy = true };
        Assert.True(await _store.CreateArtifactRepositoryAsync(redeploy, None));
        Assert.Equal(ArtifactPutStatus.Created, (await _service.PublishPackageFileAsync(Publisher, redeploy, "x/1.0.0/x-1.0.0.tgz", Content("one"), null, null, None)).Status);
        Assert.Equal(ArtifactPutStatus.Replaced, (await _service.PublishPackageFileAsync(Publisher, redeploy, "x/1.0.0/x-1.0.0.tgz", Content("two"), null, null, None)).Status);

        // One announcement per file change that happened; none for the refusals.
        Assert.Equal(5, _feed.Changes.OfType<ArtifactDeployed>().Count());
    }

    [Fact]
    public async Task PublishingAPackageFile_IntoAGenericRepository_IsRefused()
    {
        await _store.MigrateAsync(None);
        var generic = new ArtifactRepository("files", ArtifactRepositoryType.Generic, false, null, Now, "admin");
        Assert.True(await _store.CreateArtifactRepositoryAsync(generic, None));
        Assert.Equal(ArtifactPutStatus.NotDeployable, (await _service.PublishPackageFileAsync(Publisher, generic, "x/1.0.0/x.tgz", Content("x"), null, null, None)).Status);
    }
}
