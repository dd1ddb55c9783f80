using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Core.Artifacts;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Remotes;

/// <summary>
/// Maven and generic remote repositories under <c>/artifactory/{key}/{path}</c>: fetched once on first request,
/// verified against the upstream's checksum, cached (artifacts forever, metadata for the retrieval period),
/// 404s remembered, offline, and what a client gets when the upstream is down, slow or rate-limiting.
/// </summary>
public sealed class RemoteRepositoryApiTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>
{
    private const string Jar = "org/acme/lib/1.0/lib-1.0.jar";
    private const string Metadata = "org/acme/lib/maven-metadata.xml";

    private HttpClient Admin => registry.Admin;

    private FakeUpstream Upstream => registry.Upstream;

    [Fact]
    public async Task Get_OfAMissingArtifact_FetchesItOnce_RecordsItAsTheRemote_AndServesItFromTheCacheAfterwards()
    {
        Uri site = FakeUpstream.NewSite();
        byte[] jar = Digests.RandomBytes(5000);
        Upstream.Serve(new Uri(site, Jar), jar);
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site);

        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage get = await Admin.GetAsync($"/artifactory/{key}/{Jar}");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(jar, await get.Content.ReadAsByteArrayAsync());
            Assert.Equal(ArtifactRequests.Sha1(jar), get.Headers.GetValues("X-Checksum-Sha1").Single());
        }

        Assert.Equal(1, Upstream.Requests(new Uri(site, Jar)));
        JsonElement stored = await Admin.GetJsonAsync($"/artifactory/api/storage/{key}/{Jar}");
        Assert.Equal("remote:" + key, stored.GetProperty("createdBy").GetString());
        Assert.Contains(await registry.AuditAsync(), e => e.GetRawText().Contains("remote:" + key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChecksumCompanion_OfACachedFile_IsAnsweredFromItsStoredChecksums()
    {
        Uri site = FakeUpstream.NewSite();
        byte[] jar = Digests.RandomBytes(700);
        Upstream.Serve(new Uri(site, Jar), jar);
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site);
        (await Admin.GetAsync($"/artifactory/{key}/{Jar}")).Dispose();
        int companionRequests = Upstream.Requests(new Uri(site, Jar + ".sha1"));

        using HttpResponseMessage sha1 = await Admin.GetAsync($"/artifactory/{key}/{Jar}.sha1");
        Assert.Equal(ArtifactRequests.Sha1(jar), await sha1.Content.ReadAsStringAsync());
        using HttpResponseMessage md5 = await Admin.GetAsync($"/artifactory/{key}/{Jar}.md5");
        Assert.Equal(ArtifactRequests.Md5(jar), await md5.Content.ReadAsStringAsync());
        Assert.Equal(companionRequests, Upstream.Requests(new Uri(site, Jar + ".sha1")));
        Assert.Equal(1, Upstream.Requests(new Uri(site, Jar)));
    }

    [Fact]
    public async Task UpstreamBytes_ThatFailTheUpstreamSha1_AreNotCached_TheClientGets502_AndTheNextRequestFetchesAgain()
    {
        Uri site = FakeUpstream.NewSite();
        byte[] jar = Digests.RandomBytes(3000);
        Upstream.Serve(new Uri(site, Jar), Digests.RandomBytes(3000));
        Upstream.Serve(new Uri(site, Jar + ".sha1"), Encoding.ASCII.GetBytes(ArtifactRequests.Sha1(jar) + "  lib-1.0.jar\n"));
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site);

        using HttpResponseMessage corrupt = await Admin.GetAsync($"/artifactory/{key}/{Jar}");
        Assert.Contains("checksum", await ArtifactRequests.ErrorAsync(corrupt, HttpStatusCode.BadGateway), StringComparison.OrdinalIgnoreCase);
        using HttpResponseMessage notCached = await Admin.GetAsync($"/artifactory/api/storage/{key}/{Jar}");
        Assert.Equal(HttpStatusCode.NotFound, notCached.StatusCode);

        Upstream.Serve(new Uri(site, Jar), jar);
        using HttpResponseMessage fixedUp = await Admin.GetAsync($"/artifactory/{key}/{Jar}");
        Assert.Equal(jar, await fixedUp.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, Upstream.Requests(new Uri(site, Jar)));
    }

    [Fact]
    public async Task UpstreamBytes_ThatFailTheChecksumHeader_AreRefusedWith502()
    {
        Uri site = FakeUpstream.NewSite();
        byte[] expected = Digests.RandomBytes(100);
        Upstream.Serve(new Uri(site, "tools/cli.tar.gz"), Digests.RandomBytes(100), ("X-Checksum-Sha256", ArtifactRequests.Sha256(expected)));
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Generic, site);

        using HttpResponseMessage get = await Admin.GetAsync($"/artifactory/{key}/tools/cli.tar.gz");
        Assert.Contains("SHA256", await ArtifactRequests.ErrorAsync(get, HttpStatusCode.BadGateway));
        Assert.Equal(0, (await Admin.GetJsonAsync($"/artifactory/api/search/artifact?name=cli.tar.gz&repos={key}")).GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task GenericRemote_FetchesAnyPath_AndVerifiesAMatchingChecksumHeader()
    {
        Uri site = FakeUpstream.NewSite();
        byte[] file = Digests.RandomBytes(1234);
        Upstream.Serve(new Uri(site, "any/where/file.bin"), file, ("X-Checksum-Sha1", ArtifactRequests.Sha1(file)));
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Generic, site);

        using HttpResponseMessage get = await Admin.GetAsync($"/artifactory/{key}/any/where/file.bin");
        Assert.Equal(file, await get.Content.ReadAsByteArrayAsync());
        using HttpRequestMessage head = new(HttpMethod.Head, $"/artifactory/{key}/any/where/file.bin");
        using HttpResponseMessage headed = await Admin.SendAsync(head);
        Assert.Equal(file.Length, headed.Content.Headers.ContentLength);
        Assert.Equal(1, Upstream.Requests(new Uri(site, "any/where/file.bin")));
    }

    [Fact]
    public async Task MavenRemote_DoesNotFetchPathsOutsideTheMavenLayout()
    {
        Uri site = FakeUpstream.NewSite();
        Upstream.Serve(new Uri(site, "org/acme/lib/1.0/other-1.0.jar"), [1]);
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site);
        using HttpResponseMessage response = await Admin.GetAsync($"/artifactory/{key}/org/acme/lib/1.0/other-1.0.jar");
        Assert.Contains("Maven layout", await ArtifactRequests.ErrorAsync(response, HttpStatusCode.NotFound));
        Assert.Equal(0, Upstream.Requests(new Uri(site, "org/acme/lib/1.0/other-1.0.jar")));
    }

    [Fact]
    public async Task UpstreamNotFound_Is404_AndRememberedForTheMissedRetrievalPeriod()
    {
        Uri site = FakeUpstream.NewSite();
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site, missedSecs: 60);
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage missing = await Admin.GetAsync($"/artifactory/{key}/{Jar}");
            Assert.Contains("does not exist", await ArtifactRequests.ErrorAsync(missing, HttpStatusCode.NotFound));
        }

        Assert.Equal(1, Upstream.Requests(new Uri(site, Jar)));
        registry.Clock.Skip(TimeSpan.FromSeconds(61));
        byte[] jar = Digests.RandomBytes(10);
        Upstream.Serve(new Uri(site, Jar), jar);
        using HttpResponseMessage found = await Admin.GetAsync($"/artifactory/{key}/{Jar}");
        Assert.Equal(jar, await found.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, Upstream.Requests(new Uri(site, Jar)));
    }

    [Fact]
    public async Task UpstreamChangingMavenMetadata_IsServedFromTheCacheUntilTheRetrievalPeriodEnds_ThenTheNewOne()
    {
        Uri site = FakeUpstream.NewSite();
        Upstream.Serve(new Uri(site, Metadata), Encoding.UTF8.GetBytes(MetadataXml("1.0")));
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site, retrievalSecs: 300);
        Assert.Contains("<version>1.0</version>", await Admin.GetStringAsync($"/artifactory/{key}/{Metadata}"));

        Upstream.Serve(new Uri(site, Metadata), Encoding.UTF8.GetBytes(MetadataXml("1.0", "1.1")));
        registry.Clock.Skip(TimeSpan.FromSeconds(200));
        Assert.DoesNotContain("1.1", await Admin.GetStringAsync($"/artifactory/{key}/{Metadata}"));
        Assert.Equal(1, Upstream.Requests(new Uri(site, Metadata)));

        registry.Clock.Skip(TimeSpan.FromSeconds(101));
        string refreshed = await Admin.GetStringAsync($"/artifactory/{key}/{Metadata}");
        Assert.Contains("<version>1.1</version>", refreshed);
        Assert.Equal(ArtifactRequests.Sha1(Encoding.UTF8.GetBytes(refreshed)), await Admin.GetStringAsync($"/artifactory/{key}/{Metadata}.sha1"));
        Assert.Equal(2, Upstream.Requests(new Uri(site, Metadata)));
    }

    [Theory]
    [InlineData("down")]
    [InlineData("429")]
    [InlineData("503")]
    [InlineData("slow")]
    public async Task FailingUpstream_StaleMetadataIsServedWithAWarning_AndAMissingFileIs502Unreachable(string failure)
    {
        Uri site = FakeUpstream.NewSite();
        Upstream.Serve(new Uri(site, Metadata), Encoding.UTF8.GetBytes(MetadataXml("1.0")));
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site, retrievalSecs: 60);
        Assert.Contains("1.0", await Admin.GetStringAsync($"/artifactory/{key}/{Metadata}"));

        Upstream.WholeSite(site, failure switch
        {
            "down" => _ => throw new HttpRequestException("Connection refused (up.test:80)"),
            "429" => _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.TooManyRequests)),
            "503" => _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)),
            _ => async ct =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return new HttpResponseMessage(HttpStatusCode.OK);
            },
        });
        registry.Clock.Skip(TimeSpan.FromSeconds(61));
        using HttpResponseMessage stale = await Admin.GetAsync($"/artifactory/{key}/{Metadata}");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("1.0", await stale.Content.ReadAsStringAsync());
        Assert.StartsWith("110", stale.Headers.GetValues("Warning").Single(), StringComparison.Ordinal);

        using HttpResponseMessage missing = await Admin.GetAsync($"/artifactory/{key}/{Jar}");
        string message = await ArtifactRequests.ErrorAsync(missing, HttpStatusCode.BadGateway);
        Assert.Contains("unreachable", message);
        if (failure is "429" or "503")
        {
            Assert.Contains(failure, message);
        }
    }

    [Fact]
    public async Task OfflineRemote_ServesOnlyItsCache_EvenPastTheRetrievalPeriod()
    {
        Uri site = FakeUpstream.NewSite();
        Upstream.Serve(new Uri(site, Metadata), Encoding.UTF8.GetBytes(MetadataXml("1.0")));
        Upstream.Serve(new Uri(site, Jar), Digests.RandomBytes(10));
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site, retrievalSecs: 60);
        (await Admin.GetAsync($"/artifactory/{key}/{Metadata}")).Dispose();

        await registry.UpdateRemoteAsync(key, r => r with { Offline = true });
        registry.Clock.Skip(TimeSpan.FromSeconds(600));
        using HttpResponseMessage cached = await Admin.GetAsync($"/artifactory/{key}/{Metadata}");
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        using HttpResponseMessage missing = await Admin.GetAsync($"/artifactory/{key}/{Jar}");
        Assert.Contains("offline", await ArtifactRequests.ErrorAsync(missing, HttpStatusCode.NotFound));
        Assert.Equal(1, Upstream.Requests(new Uri(site, Metadata)));
        Assert.Equal(0, Upstream.Requests(new Uri(site, Jar)));
    }

    [Fact]
    public async Task ARemoteWithAnAccount_SendsItsCredentialsToTheUpstream()
    {
        Uri site = FakeUpstream.NewSite();
        byte[] jar = Digests.RandomBytes(64);
        string expected = Auth.AuthRegistry.BasicHeader("reader", "s3cret").ToString();
        var seen = new List<string?>();
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site, account: ("reader", "s3cret"));
        Upstream.RouteWithRequest(new Uri(site, Jar), request =>
        {
            seen.Add(request.Headers.Authorization?.ToString());
            return request.Headers.Authorization?.ToString() == expected ? FakeUpstream.Ok(jar) : new HttpResponseMessage(HttpStatusCode.Unauthorized);
        });

        Assert.Equal(jar, await Admin.GetByteArrayAsync($"/artifactory/{key}/{Jar}"));
        Assert.Equal([expected], seen);
    }

    [Fact]
    public async Task Deploy_ToARemote_Is405_WhileAMaintainerMayEvictACachedFile()
    {
        Uri site = FakeUpstream.NewSite();
        Upstream.Serve(new Uri(site, Jar), Digests.RandomBytes(10));
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site);

        using HttpResponseMessage deploy = await Admin.DeployAsync($"/artifactory/{key}/{Jar}", [1, 2, 3]);
        Assert.Contains("remote repository", await ArtifactRequests.ErrorAsync(deploy, HttpStatusCode.MethodNotAllowed));

        (await Admin.GetAsync($"/artifactory/{key}/{Jar}")).Dispose();
        using HttpResponseMessage evicted = await Admin.DeleteAsync($"/artifactory/{key}/{Jar}");
        Assert.Equal(HttpStatusCode.NoContent, evicted.StatusCode);
        (await Admin.GetAsync($"/artifactory/{key}/{Jar}")).Dispose();
        Assert.Equal(2, Upstream.Requests(new Uri(site, Jar)));
    }

    internal static string MetadataXml(params string[] versions) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <metadata>
          <groupId>org.acme</groupId>
          <artifactId>lib</artifactId>
          <versioning>
            <latest>{versions[^1]}</latest>
            <release>{versions.Last(v => !v.EndsWith("-SNAPSHOT", StringComparison.Ordinal))}</release>
            <versions>{string.Concat(versions.Select(v => $"<version>{v}</version>"))}</versions>
            <lastUpdated>2026010{versions.Length}120000</lastUpdated>
          </versioning>
        </metadata>
        """;
}
