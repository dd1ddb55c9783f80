using System.Net;
using System.Text;
using System.Text.Json;
using Registry.Core.Artifacts;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Remotes;
using Registry.Tests.Support;
using FakeUpstream = Registry.Tests.Api.Remotes.FakeUpstream;

namespace Registry.Tests.Api.Packages.Nuget;

/// <summary>
/// NuGet remote and virtual repositories over an upstream feed (a fake one): the service index and version lists
/// cached under <c>.meta/</c> for the retrieval period, stale ones served with a Warning when the upstream fails,
/// offline, packages cached in their version folder and checked against the upstream's checksum header, registrations
/// built from the nuspecs, and a virtual's merged version list.
/// </summary>
public sealed class NugetRemoteApiTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>
{
    private HttpClient Admin => registry.Admin;

    private FakeUpstream Upstream => registry.Upstream;

    /// <summary>An upstream feed at a fresh site: its index.json names <c>{site}flat/</c> as the flat container.</summary>
    private Uri NewFeed()
    {
        Uri site = FakeUpstream.NewSite();
        Upstream.Serve(new Uri(site, "index.json"), Encoding.UTF8.GetBytes($$"""
            {"version":"3.0.0","resources":[{"@id":"{{site}}search","@type":"SearchQueryService"},{"@id":"{{site}}flat/","@type":"PackageBaseAddress/3.0.0"}]}
            """));
        return site;
    }

    private void ServeVersions(Uri site, string lowerId, params string[] versions)
        => Upstream.Serve(new Uri(site, $"flat/{lowerId}/index.json"), JsonSerializer.SerializeToUtf8Bytes(new { versions }));

    private byte[] ServePackage(Uri site, string id, string version, string dependencies = "", string? sha256 = null)
    {
        string lowerId = id.ToLowerInvariant();
        byte[] package = NugetPackageBuilder.Package(id, version, dependencies);
        Upstream.Serve(new Uri(site, $"flat/{lowerId}/{version}/{lowerId}.{version}.nupkg"), package, ("X-Checksum-Sha256", sha256 ?? ArtifactRequests.Sha256(package)));
        Upstream.Serve(new Uri(site, $"flat/{lowerId}/{version}/{lowerId}.nuspec"), Encoding.UTF8.GetBytes(NugetPackageBuilder.Nuspec(id, version, dependencies)));
        return package;
    }

    [Fact]
    public async Task Remote_ListsAndServesTheUpstreamsPackages_CachingIndexPagesForTheRetrievalPeriod_AndPackagesForever()
    {
        Uri site = NewFeed();
        ServeVersions(site, "acme.lib", "1.0.0", "1.1.0");
        byte[] package = ServePackage(site, "Acme.Lib", "1.1.0", """<dependency id="Acme.Core" version="[1.0,2.0)" />""");
        ServePackage(site, "Acme.Lib", "1.0.0");
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Nuget, new Uri(site, "index.json"), retrievalSecs: 60);

        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(["1.0.0", "1.1.0"], await Admin.VersionsAsync(key, "acme.lib"));
            using HttpResponseMessage nupkg = await Admin.GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/acme.lib/1.1.0/acme.lib.1.1.0.nupkg");
            Assert.Equal(package, await nupkg.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(1, Upstream.Requests(new Uri(site, "index.json")));
        Assert.Equal(1, Upstream.Requests(new Uri(site, "flat/acme.lib/index.json")));
        Assert.Equal(1, Upstream.Requests(new Uri(site, "flat/acme.lib/1.1.0/acme.lib.1.1.0.nupkg")));
        Assert.Equal([".meta/acme.lib/index.json", ".meta/index.json", "acme.lib/1.1.0/acme.lib.1.1.0.nupkg"], await registry.FilesAsync(key));

        JsonElement registration = await Admin.GetJsonAsync($"{NugetRequests.Feed(key)}/registration/acme.lib/index.json");
        JsonElement[] leaves = [.. registration.GetProperty("items")[0].GetProperty("items").EnumerateArray()];
        Assert.Equal(["1.0.0", "1.1.0"], leaves.Select(l => l.GetProperty("catalogEntry").GetProperty("version").GetString()));
        Assert.Equal("[1.0.0, 2.0.0)", leaves[1].GetProperty("catalogEntry").GetProperty("dependencyGroups")[0].GetProperty("dependencies")[0].GetProperty("range").GetString());
        Assert.Contains("acme.lib/1.0.0/acme.lib.nuspec", await registry.FilesAsync(key));

        ServeVersions(site, "acme.lib", "1.0.0", "1.1.0", "2.0.0");
        Assert.Equal(["1.0.0", "1.1.0"], await Admin.VersionsAsync(key, "acme.lib"));
        registry.Clock.Skip(TimeSpan.FromSeconds(61));
        Assert.Equal(["1.0.0", "1.1.0", "2.0.0"], await Admin.VersionsAsync(key, "acme.lib"));
        Assert.Equal(1, Upstream.Requests(new Uri(site, "flat/acme.lib/1.1.0/acme.lib.1.1.0.nupkg")));
    }

    [Fact]
    public async Task FailingUpstream_StaleVersionListIsServedWithAWarning_AnUncachedOneIs502_AndOfflineServesOnlyTheCache()
    {
        Uri site = NewFeed();
        ServeVersions(site, "acme.lib", "1.0.0");
        ServePackage(site, "Acme.Lib", "1.0.0");
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Nuget, new Uri(site, "index.json"), retrievalSecs: 60);
        Assert.Equal(["1.0.0"], await Admin.VersionsAsync(key, "acme.lib"));

        Upstream.WholeSite(site, _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)));
        registry.Clock.Skip(TimeSpan.FromSeconds(61));
        using HttpResponseMessage stale = await Admin.GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/acme.lib/index.json");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("1.0.0", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("110", stale.Headers.GetValues("Warning").Single(), StringComparison.Ordinal);
        using HttpResponseMessage uncached = await Admin.GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/acme.other/index.json");
        Assert.Contains("503", await ArtifactRequests.ErrorAsync(uncached, HttpStatusCode.BadGateway), StringComparison.Ordinal);

        await registry.UpdateRemoteAsync(key, r => r with { Offline = true });
        int before = Upstream.Requests(new Uri(site, "flat/acme.lib/index.json"));
        registry.Clock.Skip(TimeSpan.FromSeconds(600));
        Assert.Equal(["1.0.0"], await Admin.VersionsAsync(key, "acme.lib"));
        using HttpResponseMessage notCached = await Admin.GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/acme.lib/1.0.0/acme.lib.1.0.0.nupkg");
        Assert.Equal(HttpStatusCode.NotFound, notCached.StatusCode);
        Assert.Equal(before, Upstream.Requests(new Uri(site, "flat/acme.lib/index.json")));
    }

    [Fact]
    public async Task APackageWhoseBytesDisagreeWithTheUpstreamsChecksum_IsNotCached()
    {
        Uri site = NewFeed();
        ServeVersions(site, "acme.bad", "1.0.0");
        ServePackage(site, "Acme.Bad", "1.0.0", sha256: new string('a', 64));
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Nuget, new Uri(site, "index.json"));

        using HttpResponseMessage response = await Admin.GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/acme.bad/1.0.0/acme.bad.1.0.0.nupkg");

        Assert.Contains("checksum", await ArtifactRequests.ErrorAsync(response, HttpStatusCode.BadGateway), StringComparison.Ordinal);
        Assert.DoesNotContain("acme.bad/1.0.0/acme.bad.1.0.0.nupkg", await registry.FilesAsync(key));
    }

    [Fact]
    public async Task Virtual_MergesTheMembersVersionLists_ServesAFileFromTheFirstMemberThatHasIt_AndPushesToItsDeploymentRepository()
    {
        Uri site = NewFeed();
        ServeVersions(site, "acme.lib", "1.0.0", "2.0.0");
        byte[] upstream200 = ServePackage(site, "Acme.Lib", "2.0.0");
        string remote = await registry.CreateRemoteAsync(ArtifactRepositoryType.Nuget, new Uri(site, "index.json"));
        string local = await Admin.CreateArtifactRepositoryAsync("nuget");
        string through = await registry.CreateVirtualAsync(ArtifactRepositoryType.Nuget, local, local, remote);

        byte[] local100 = NugetPackageBuilder.Package("Acme.Lib", "1.0.0", description: "the local one");
        await Admin.PushOkAsync(through, local100);
        await Admin.PushOkAsync(through, NugetPackageBuilder.Package("Acme.Lib", "1.5.0-rc.1"));

        Assert.Equal(["1.0.0", "1.5.0-rc.1"], await Admin.VersionsAsync(local, "acme.lib"));
        Assert.Equal(["1.0.0", "1.5.0-rc.1", "2.0.0"], await Admin.VersionsAsync(through, "acme.lib"));
        using HttpResponseMessage first = await Admin.GetAsync($"{NugetRequests.Feed(through)}/flatcontainer/acme.lib/1.0.0/acme.lib.1.0.0.nupkg");
        Assert.Equal(local100, await first.Content.ReadAsByteArrayAsync());
        using HttpResponseMessage fromRemote = await Admin.GetAsync($"{NugetRequests.Feed(through)}/flatcontainer/acme.lib/2.0.0/acme.lib.2.0.0.nupkg");
        Assert.Equal(upstream200, await fromRemote.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, Upstream.Requests(new Uri(site, "flat/acme.lib/1.0.0/acme.lib.1.0.0.nupkg")));

        JsonElement registration = await Admin.GetJsonAsync($"{NugetRequests.Feed(through)}/registration/acme.lib/index.json");
        Assert.Equal(["1.0.0", "1.5.0-rc.1", "2.0.0"], registration.GetProperty("items")[0].GetProperty("items").EnumerateArray()
            .Select(l => l.GetProperty("catalogEntry").GetProperty("version").GetString()));
        JsonElement search = await Admin.GetJsonAsync($"{NugetRequests.Feed(through)}/query?q=acme&prerelease=true&semVerLevel=2.0.0");
        Assert.Equal(["1.0.0", "1.5.0-rc.1", "2.0.0"], search.GetProperty("data")[0].GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));

        using HttpResponseMessage toRemote = await Admin.PushAsync(remote, NugetPackageBuilder.Package("Acme.Lib", "3.0.0"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, toRemote.StatusCode);
    }

    private void ServeSearch(Uri site, string query, string answer)
        => Upstream.Serve(new Uri(site, "search?" + query), Encoding.UTF8.GetBytes(answer));

    private const string UpstreamAnswer = """
        {"totalHits":3,"data":[
          {"@id":"https://up.test/reg/acme.lib/index.json","@type":"Package","registration":"https://up.test/reg/acme.lib/index.json",
           "id":"Acme.Lib","version":"2.0.0","description":"From upstream","authors":["Up"],"totalDownloads":42,"projectUrl":"https://acme.test/",
           "versions":[{"version":"1.0.0","downloads":1,"@id":"https://up.test/reg/acme.lib/1.0.0.json"},{"version":"2.0.0","downloads":41,"@id":"https://up.test/reg/acme.lib/2.0.0.json"}]},
          {"id":"Acme.Other","version":"0.1.0","description":"Another","versions":[{"version":"0.1.0"},{"version":"not a version"}]},
          {"id":"../escape","version":"1.0.0","versions":[]}
        ]}
        """;

    [Fact]
    public async Task RemoteSearch_AsksTheUpstreamsSearchService_AndAnswersWithItsResultsAtTheRemotesUrls()
    {
        Uri site = NewFeed();
        ServeSearch(site, "q=acme&skip=0&take=20&prerelease=true&semVerLevel=2.0.0", UpstreamAnswer);
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Nuget, new Uri(site, "index.json"));

        using HttpResponseMessage response = await Admin.GetAsync($"{NugetRequests.Feed(key)}/query?q=acme&prerelease=true&semVerLevel=2.0.0");
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        Assert.False(response.Headers.Contains("Warning"));
        JsonElement search = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(1, Upstream.Requests(new Uri(site, "search?q=acme&skip=0&take=20&prerelease=true&semVerLevel=2.0.0")));
        Assert.Equal(3, search.GetProperty("totalHits").GetInt32());
        JsonElement[] hits = [.. search.GetProperty("data").EnumerateArray()];
        Assert.Equal(["Acme.Lib", "Acme.Other"], hits.Select(h => h.GetProperty("id").GetString()));
        JsonElement lib = hits[0];
        string registration = $"http://localhost{NugetRequests.Feed(key)}/registration/acme.lib/";
        Assert.Equal((registration + "index.json", registration + "index.json"), (lib.GetProperty("@id").GetString(), lib.GetProperty("registration").GetString()));
        Assert.Equal(("2.0.0", "From upstream", 42, "https://acme.test/"), (lib.GetProperty("version").GetString(), lib.GetProperty("description").GetString(),
            lib.GetProperty("totalDownloads").GetInt32(), lib.GetProperty("projectUrl").GetString()));
        Assert.Equal([("1.0.0", 1, registration + "1.0.0.json"), ("2.0.0", 41, registration + "2.0.0.json")], lib.GetProperty("versions").EnumerateArray()
            .Select(v => (v.GetProperty("version").GetString(), v.GetProperty("downloads").GetInt32(), v.GetProperty("@id").GetString())));
        Assert.Equal(["0.1.0"], hits[1].GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.DoesNotContain("up.test/reg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteSearch_WhenTheUpstreamFails_AnswersWithTheCachedPackagesAndAWarning_AndOfflineWithoutAskingIt()
    {
        Uri site = NewFeed();
        ServeVersions(site, "acme.lib", "1.0.0", "2.0.0");
        ServePackage(site, "Acme.Lib", "1.0.0");
        Upstream.Answer(new Uri(site, "search?q=acme&skip=0&take=20&prerelease=false"), HttpStatusCode.ServiceUnavailable);
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Nuget, new Uri(site, "index.json"));
        using (HttpResponseMessage nupkg = await Admin.GetAsync($"{NugetRequests.Feed(key)}/flatcontainer/acme.lib/1.0.0/acme.lib.1.0.0.nupkg"))
        {
            await OciAssert.SuccessAsync(nupkg, HttpStatusCode.OK);
        }

        using HttpResponseMessage fallback = await Admin.GetAsync($"{NugetRequests.Feed(key)}/query?q=acme");
        await OciAssert.SuccessAsync(fallback, HttpStatusCode.OK);
        string warning = fallback.Headers.GetValues("Warning").Single();
        Assert.StartsWith("110", warning, StringComparison.Ordinal);
        Assert.Contains("503", warning, StringComparison.Ordinal);
        JsonElement cached = JsonDocument.Parse(await fallback.Content.ReadAsStringAsync()).RootElement;
        JsonElement hit = Assert.Single(cached.GetProperty("data").EnumerateArray());
        Assert.Equal("Acme.Lib", hit.GetProperty("id").GetString());
        Assert.Equal(["1.0.0"], hit.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        int asked = Upstream.Requests(new Uri(site, "search?q=acme&skip=0&take=20&prerelease=false"));
        Assert.True(asked > 0);

        await registry.UpdateRemoteAsync(key, r => r with { Offline = true });
        using HttpResponseMessage offline = await Admin.GetAsync($"{NugetRequests.Feed(key)}/query?q=acme");
        Assert.False(offline.Headers.Contains("Warning"));
        Assert.Equal("Acme.Lib", JsonDocument.Parse(await offline.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal(asked, Upstream.Requests(new Uri(site, "search?q=acme&skip=0&take=20&prerelease=false")));
    }

    [Fact]
    public async Task VirtualSearch_MergesItsMembersResultsInMemberOrder_OnePerPackageId()
    {
        Uri site = NewFeed();
        ServeSearch(site, "q=acme&skip=0&take=20&prerelease=false", UpstreamAnswer);
        ServeSearch(site, "q=acme&skip=0&take=2&prerelease=false", UpstreamAnswer);
        string remote = await registry.CreateRemoteAsync(ArtifactRepositoryType.Nuget, new Uri(site, "index.json"));
        string local = await Admin.CreateArtifactRepositoryAsync("nuget");
        await Admin.PushOkAsync(local, NugetPackageBuilder.Package("Acme.Lib", "1.5.0", description: "the local one"));
        await Admin.PushOkAsync(local, NugetPackageBuilder.Package("Acme.Zeta", "1.0.0"));
        string through = await registry.CreateVirtualAsync(ArtifactRepositoryType.Nuget, local, local, remote);

        JsonElement search = await Admin.GetJsonAsync($"{NugetRequests.Feed(through)}/query?q=acme");

        JsonElement[] hits = [.. search.GetProperty("data").EnumerateArray()];
        Assert.Equal(["Acme.Lib", "Acme.Zeta", "Acme.Other"], hits.Select(h => h.GetProperty("id").GetString()));
        Assert.Equal(4, search.GetProperty("totalHits").GetInt32());
        Assert.Equal(("1.5.0", "the local one"), (hits[0].GetProperty("version").GetString(), hits[0].GetProperty("description").GetString()));
        string registration = $"http://localhost{NugetRequests.Feed(through)}/registration/acme.lib/";
        Assert.Equal([("1.0.0", registration + "1.0.0.json"), ("1.5.0", registration + "1.5.0.json"), ("2.0.0", registration + "2.0.0.json")],
            hits[0].GetProperty("versions").EnumerateArray().Select(v => (v.GetProperty("version").GetString(), v.GetProperty("@id").GetString())));
        Assert.Equal(registration + "index.json", hits[0].GetProperty("registration").GetString());

        JsonElement second = await Admin.GetJsonAsync($"{NugetRequests.Feed(through)}/query?q=acme&skip=1&take=1");
        Assert.Equal(["Acme.Zeta"], second.GetProperty("data").EnumerateArray().Select(h => h.GetProperty("id").GetString()));
        Assert.Equal(1, Upstream.Requests(new Uri(site, "search?q=acme&skip=0&take=2&prerelease=false")));
    }
}
