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
}
