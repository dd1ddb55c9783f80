using Registry.Core.Artifacts;
using Registry.Core.Primitives;

namespace Registry.Tests.Core.Artifacts;

/// <summary>What a remote repository caches for how long, Maven's version order, and merging maven-metadata.xml.</summary>
public sealed class RemoteCachingTests
{
    private static readonly DateTimeOffset Fetched = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ArtifactRepository Remote(ArtifactRepositoryType type) => new("cache", type, false, null, Fetched, "admin")
    {
        Class = RepositoryClass.Remote,
        Remote = new RemoteSource(new Uri("https://repo.example/"), null, null, 300, 60, false, 0, false, []),
    };

    private static ArtifactFile Cached(string path)
        => new("cache", path, new ArtifactChecksums(Digest.Parse("sha256:" + new string('a', 64)), 1, new string('b', 40), new string('c', 32)), null, Fetched, "remote:cache", Fetched, "remote:cache", []);

    [Theory]
    [InlineData("org/acme/app/maven-metadata.xml", true)]
    [InlineData("org/acme/app/1.0-SNAPSHOT/maven-metadata.xml", true)]
    [InlineData("org/acme/app/1.0/app-1.0.jar", false)]
    [InlineData("org/acme/app/1.0/app-1.0.pom", false)]
    public void MavenMetadata_ExpiresAfterTheRetrievalPeriod_ArtifactsNever(string path, bool expires)
    {
        ArtifactRepository remote = Remote(ArtifactRepositoryType.Maven);
        Assert.True(RemoteCaching.IsFresh(remote, Cached(path), Fetched.AddSeconds(299)));
        Assert.Equal(!expires, RemoteCaching.IsFresh(remote, Cached(path), Fetched.AddSeconds(300)));
    }

    [Fact]
    public void GenericRemotes_CacheEveryFileForever()
        => Assert.True(RemoteCaching.IsFresh(Remote(ArtifactRepositoryType.Generic), Cached("a/maven-metadata.xml"), Fetched.AddDays(365)));

    [Theory]
    [InlineData("1.0", "1.1")]
    [InlineData("1.9", "1.10")]
    [InlineData("1.0-SNAPSHOT", "1.0")]
    [InlineData("1.0-beta", "1.0")]
    [InlineData("1.0", "1.0.1")]
    [InlineData("2.0-alpha", "2.0-beta")]
    public void MavenVersions_Order(string lower, string higher)
    {
        Assert.True(MavenVersionComparer.Instance.Compare(lower, higher) < 0);
        Assert.True(MavenVersionComparer.Instance.Compare(higher, lower) > 0);
    }

    [Fact]
    public void Merge_UnitesVersions_TakesTheHighestLatestAndRelease_AndTheLatestUpdate()
    {
        string merged = MavenMetadataMerge.Merge([Xml("1.0", "1.10", "1.10", "20260101000000"), Xml("1.9", "2.0-SNAPSHOT", "1.9", "20260301000000"), "not xml"])!;
        Assert.Contains("<version>1.0</version><version>1.9</version><version>1.10</version><version>2.0-SNAPSHOT</version>", merged.Replace("\n", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Contains("<latest>2.0-SNAPSHOT</latest>", merged);
        Assert.Contains("<release>1.10</release>", merged);
        Assert.Contains("<lastUpdated>20260301000000</lastUpdated>", merged);
        Assert.StartsWith("<?xml", merged, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_OfSnapshotVersionMetadata_KeepsTheFirstMembers()
    {
        const string First = "<metadata><versioning><snapshot><timestamp>20260101.000000</timestamp><buildNumber>1</buildNumber></snapshot></versioning></metadata>";
        const string Second = "<metadata><versioning><snapshot><timestamp>20260202.000000</timestamp><buildNumber>2</buildNumber></snapshot></versioning></metadata>";
        Assert.Contains("<buildNumber>1</buildNumber>", MavenMetadataMerge.Merge([First, Second]));
        Assert.Null(MavenMetadataMerge.Merge(["<broken"]));
    }

    private static string Xml(string first, string second, string release, string updated) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <metadata><groupId>org.acme</groupId><artifactId>app</artifactId><versioning><latest>{second}</latest><release>{release}</release>
        <versions><version>{first}</version><version>{second}</version></versions><lastUpdated>{updated}</lastUpdated></versioning></metadata>
        """;
}
