using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Core.Artifacts;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Remotes;
using Registry.Tests.Support;
using FakeUpstream = Registry.Tests.Api.Remotes.FakeUpstream;

namespace Registry.Tests.Api.Packages.Npm;

/// <summary>
/// npm remotes (the upstream's packument cached under <c>.meta/</c> for the retrieval period, served stale with a
/// <c>Warning</c> when the upstream fails, only from the cache when offline; tarballs fetched from the upstream's
/// <c>dist.tarball</c> with <c>dist.shasum</c> checked) and virtuals (packuments merged over the members in order,
/// tarballs and publishes through the virtual).
/// </summary>
public sealed class NpmRemoteVirtualApiTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>
{
    private HttpClient Admin => registry.Admin;

    private FakeUpstream Upstream => registry.Upstream;

    [Fact]
    public async Task Remote_RewritesTarballUrls_CachesTheTarballOnce_AndServesAStalePackumentWithAWarning()
    {
        Uri site = FakeUpstream.NewSite();
        byte[] tarball = NpmPublishBody.Tarball("@team/widget", "1.0.0");
        Uri tarballUrl = new(site, "tarballs/widget-1.0.0.tgz");
        Upstream.Serve(Packument(site), Encoding.UTF8.GetBytes(UpstreamPackument("@team/widget", ("1.0.0", tarballUrl, ArtifactRequests.Sha1(tarball)))));
        Upstream.Serve(tarballUrl, tarball);
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Npm, site, retrievalSecs: 60);

        JsonElement packument = await Admin.GetJsonAsync($"/artifactory/api/npm/{key}/@team%2fwidget");
        string? rewritten = packument.GetProperty("versions").GetProperty("1.0.0").GetProperty("dist").GetProperty("tarball").GetString();
        Assert.Equal($"http://localhost/artifactory/api/npm/{key}/@team/widget/-/widget-1.0.0.tgz", rewritten);
        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage fetched = await Admin.GetAsync(rewritten);
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
            Assert.Equal(tarball, await fetched.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(1, Upstream.Requests(tarballUrl));
        Assert.NotNull(await registry.Service<IArtifactStore>().GetFileAsync(key, "@team/widget/1.0.0/widget-1.0.0.tgz", CancellationToken.None));

        Upstream.WholeSite(site, _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)));
        registry.Clock.Skip(TimeSpan.FromSeconds(61));
        using HttpResponseMessage stale = await Admin.GetAsync($"/artifactory/api/npm/{key}/@team%2fwidget");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.StartsWith("110", stale.Headers.GetValues("Warning").Single(), StringComparison.Ordinal);

        await registry.UpdateRemoteAsync(key, r => r with { Offline = true });
        using HttpResponseMessage offline = await Admin.GetAsync($"/artifactory/api/npm/{key}/@team%2fwidget");
        Assert.Equal(HttpStatusCode.OK, offline.StatusCode);
        using HttpResponseMessage uncached = await Admin.GetAsync($"/artifactory/api/npm/{key}/never-fetched");
        Assert.Equal(HttpStatusCode.NotFound, uncached.StatusCode);
    }

    [Fact]
    public async Task Remote_TarballWithAnotherShasumThanThePackument_Is502_AndNotCached()
    {
        Uri site = FakeUpstream.NewSite();
        Uri tarballUrl = new(site, "tarballs/bad-1.0.0.tgz");
        Upstream.Serve(Packument(site, "bad"), Encoding.UTF8.GetBytes(UpstreamPackument("bad", ("1.0.0", tarballUrl, new string('a', 40)))));
        Upstream.Serve(tarballUrl, NpmPublishBody.Tarball("bad", "1.0.0"));
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Npm, site);

        using HttpResponseMessage response = await Admin.GetAsync($"/artifactory/api/npm/{key}/bad/-/bad-1.0.0.tgz");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Null(await registry.Service<IArtifactStore>().GetFileAsync(key, "bad/1.0.0/bad-1.0.0.tgz", CancellationToken.None));
    }

    [Fact]
    public async Task Virtual_MergesMembersInOrder_ServesTarballsThroughItself_AndPublishesToTheDefaultDeploymentRepo()
    {
        string local = await Admin.CreateArtifactRepositoryAsync("npm");
        using (HttpResponseMessage published = await PutAsync(local, "merged", new NpmPublishBody("merged", "1.0.0").Json()))
        {
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        }

        Uri site = FakeUpstream.NewSite();
        byte[] upstreamTarball = NpmPublishBody.Tarball("merged", "2.0.0");
        Uri v1 = new(site, "t/merged-1.0.0.tgz"), v2 = new(site, "t/merged-2.0.0.tgz");
        Upstream.Serve(Packument(site, "merged"), Encoding.UTF8.GetBytes(UpstreamPackument("merged",
            ("1.0.0", v1, new string('b', 40)), ("2.0.0", v2, ArtifactRequests.Sha1(upstreamTarball)))));
        Upstream.Serve(v2, upstreamTarball);
        string remote = await registry.CreateRemoteAsync(ArtifactRepositoryType.Npm, site);
        string virtualKey = await registry.CreateVirtualAsync(ArtifactRepositoryType.Npm, local, local, remote);

        JsonElement packument = await Admin.GetJsonAsync($"/artifactory/api/npm/{virtualKey}/merged");

        JsonElement versions = packument.GetProperty("versions");
        Assert.Equal(["1.0.0", "2.0.0"], versions.EnumerateObject().Select(v => v.Name));
        Assert.NotEqual(new string('b', 40), versions.GetProperty("1.0.0").GetProperty("dist").GetProperty("shasum").GetString());
        Assert.Equal("1.0.0", packument.GetProperty("dist-tags").GetProperty("latest").GetString());
        Assert.Equal("1.0.0", packument.GetProperty("dist-tags").GetProperty("beta").GetString());
        string? tarball = versions.GetProperty("2.0.0").GetProperty("dist").GetProperty("tarball").GetString();
        Assert.Equal($"http://localhost/artifactory/api/npm/{virtualKey}/merged/-/merged-2.0.0.tgz", tarball);
        using (HttpResponseMessage fetched = await Admin.GetAsync(tarball))
        {
            Assert.Equal(upstreamTarball, await fetched.Content.ReadAsByteArrayAsync());
        }

        using HttpResponseMessage throughVirtual = await PutAsync(virtualKey, "merged", new NpmPublishBody("merged", "1.5.0").Json());
        Assert.Equal(HttpStatusCode.Created, throughVirtual.StatusCode);
        Assert.NotNull(await registry.Service<IArtifactStore>().GetFileAsync(local, "merged/1.5.0/package.json", CancellationToken.None));
        using var tag = new StringContent("\"1.5.0\"", Encoding.UTF8, "application/json");
        using HttpResponseMessage tagged = await Admin.PutAsync($"/artifactory/api/npm/{virtualKey}/-/package/merged/dist-tags/beta", tag);
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        JsonElement tags = await Admin.GetJsonAsync($"/artifactory/api/npm/{virtualKey}/-/package/merged/dist-tags");
        Assert.Equal("1.5.0", tags.GetProperty("beta").GetString());
    }

    [Fact]
    public async Task Remote_RefusesPublishes_With405()
    {
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Npm, FakeUpstream.NewSite());

        using HttpResponseMessage response = await PutAsync(key, "nope", new NpmPublishBody("nope", "1.0.0").Json());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static Uri Packument(Uri site, string escaped = "@team%2fwidget") => new(site.AbsoluteUri.TrimEnd('/') + "/" + escaped);

    private static string UpstreamPackument(string name, params (string Version, Uri Tarball, string Shasum)[] versions)
    {
        var all = new JsonObject();
        foreach ((string version, Uri tarball, string shasum) in versions)
        {
            all[version] = new JsonObject
            {
                ["name"] = name,
                ["version"] = version,
                ["dist"] = new JsonObject { ["tarball"] = tarball.AbsoluteUri, ["shasum"] = shasum },
            };
        }

        return new JsonObject
        {
            ["name"] = name,
            ["dist-tags"] = new JsonObject { ["latest"] = versions[^1].Version, ["beta"] = versions[0].Version },
            ["versions"] = all,
        }.ToJsonString();
    }

    private Task<HttpResponseMessage> PutAsync(string key, string escapedName, string json)
        => Admin.PutAsync($"/artifactory/api/npm/{key}/{escapedName}", new StringContent(json, Encoding.UTF8, "application/json"));
}
