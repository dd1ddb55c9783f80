using System.Net;
using System.Text;
using Registry.Core.Artifacts;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Remotes;
using FakeUpstream = Registry.Tests.Api.Remotes.FakeUpstream;
using PypiWheel = Registry.Tests.Support.PypiWheel;

namespace Registry.Tests.Api.Packages.Pypi;

/// <summary>
/// PyPI remote and virtual repositories against an in-memory upstream index: the project page cached under
/// <c>.meta/</c> with its links rewritten, files fetched once and checked against the <c>#sha256=</c>, stale pages
/// served with a Warning when the upstream fails, offline serving only the cache, and a virtual's merged pages.
/// </summary>
public sealed class PypiRemoteApiTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>
{
    private HttpClient Admin => registry.Admin;

    [Fact]
    public async Task RemotePage_IsRewrittenToTheRemote_AndItsFileIsFetchedOnce_WithTheSha256Checked()
    {
        Uri site = FakeUpstream.NewSite();
        PypiWheel wheel = PypiWheel.Build("Up_Stream", "1.2");
        Uri file = ServeProject(site, "up-stream", wheel, absoluteLinks: true);
        string remote = await registry.CreateRemoteAsync(ArtifactRepositoryType.Pypi, site);

        string html = await Admin.GetStringAsync($"/artifactory/api/pypi/{remote}/simple/up-stream/");
        byte[] first = await Admin.GetByteArrayAsync($"/artifactory/api/pypi/{remote}/packages/up-stream/1.2/{wheel.FileName}");
        byte[] again = await Admin.GetByteArrayAsync($"/artifactory/api/pypi/{remote}/packages/up-stream/1.2/{wheel.FileName}");

        Assert.Contains($"href=\"../../packages/up-stream/1.2/{wheel.FileName}#sha256={wheel.Sha256}\" data-requires-python=\"&gt;=3.8\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(site.Host, html, StringComparison.Ordinal);
        Assert.Equal(wheel.Bytes, first);
        Assert.Equal(wheel.Bytes, again);
        Assert.Equal(1, registry.Upstream.Requests(file));
        Assert.Equal(1, registry.Upstream.Requests(new Uri(site, "simple/up-stream/")));
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync($"/artifactory/api/storage/{remote}/up-stream/1.2/{wheel.FileName}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync($"/artifactory/api/storage/{remote}/.meta/simple/up-stream.html")).StatusCode);
    }

    [Fact]
    public async Task RemoteFile_WhoseBytesFailTheSha256_Is502_AndNothingIsCached()
    {
        Uri site = FakeUpstream.NewSite();
        PypiWheel wheel = PypiWheel.Build("tampered", "1.0");
        ServeProject(site, "tampered", wheel, absoluteLinks: false, bytes: PypiWheel.Build("tampered", "1.0", ">=3.11").Bytes);
        string remote = await registry.CreateRemoteAsync(ArtifactRepositoryType.Pypi, site);

        using HttpResponseMessage response = await Admin.GetAsync($"/artifactory/api/pypi/{remote}/packages/tampered/1.0/{wheel.FileName}");

        Assert.Contains("checksum", await ArtifactRequests.ErrorAsync(response, HttpStatusCode.BadGateway), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/artifactory/api/storage/{remote}/tampered/1.0/{wheel.FileName}")).StatusCode);
    }

    [Fact]
    public async Task RemotePage_IsFreshForTheRetrievalPeriod_ThenStaleWithAWarning_WhenTheUpstreamFails_AndOfflineServesTheCache()
    {
        Uri site = FakeUpstream.NewSite();
        PypiWheel wheel = PypiWheel.Build("cached-one", "1.0");
        ServeProject(site, "cached-one", wheel, absoluteLinks: false);
        string remote = await registry.CreateRemoteAsync(ArtifactRepositoryType.Pypi, new Uri(site, "simple"), retrievalSecs: 600);
        Uri page = new(site, "simple/cached-one/");
        await Admin.GetStringAsync($"/artifactory/api/pypi/{remote}/simple/cached-one/");
        await Admin.GetStringAsync($"/artifactory/api/pypi/{remote}/simple/cached-one/");
        Assert.Equal(1, registry.Upstream.Requests(page));

        registry.Upstream.Answer(page, HttpStatusCode.ServiceUnavailable);
        registry.Clock.Skip(TimeSpan.FromSeconds(601));
        using HttpResponseMessage stale = await Admin.GetAsync($"/artifactory/api/pypi/{remote}/simple/cached-one/");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("110", stale.Headers.Warning.ToString(), StringComparison.Ordinal);
        Assert.Contains(wheel.FileName, await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await registry.UpdateRemoteAsync(remote, source => source with { Offline = true });
        int before = registry.Upstream.Requests(page);
        using HttpResponseMessage offline = await Admin.GetAsync($"/artifactory/api/pypi/{remote}/simple/cached-one/");
        using HttpResponseMessage notCached = await Admin.GetAsync($"/artifactory/api/pypi/{remote}/packages/cached-one/1.0/{wheel.FileName}");
        Assert.Equal(HttpStatusCode.OK, offline.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notCached.StatusCode);
        Assert.Equal(before, registry.Upstream.Requests(page));
    }

    [Fact]
    public async Task Virtual_MergesItsMembersPages_FirstMemberWins_AndUploadsGoToTheDefaultDeploymentRepo()
    {
        Uri site = FakeUpstream.NewSite();
        PypiWheel upstreamOld = PypiWheel.Build("shared", "1.0"), upstreamOnly = PypiWheel.Build("shared", "0.9");
        ServeProject(site, "shared", upstreamOld, absoluteLinks: false, extra: upstreamOnly);
        string local = await Admin.CreateArtifactRepositoryAsync("pypi");
        string remote = await registry.CreateRemoteAsync(ArtifactRepositoryType.Pypi, site);
        string virtualKey = await registry.CreateVirtualAsync(ArtifactRepositoryType.Pypi, local, local, remote);
        PypiWheel localCopy = PypiWheel.Build("shared", "1.0", ">=3.10");
        PypiWheel newer = PypiWheel.Build("shared", "2.0");

        using HttpResponseMessage viaVirtual = await Admin.PostAsync($"/artifactory/api/pypi/{virtualKey}", localCopy.UploadForm(new Dictionary<string, string?> { ["requires_python"] = ">=3.10" }));
        await OciAssert.SuccessAsync(viaVirtual, HttpStatusCode.OK);
        await OciAssert.SuccessAsync(await Admin.PostAsync($"/artifactory/api/pypi/{local}", newer.UploadForm()), HttpStatusCode.OK);
        string html = await Admin.GetStringAsync($"/artifactory/api/pypi/{virtualKey}/simple/shared/");
        byte[] fromLocal = await Admin.GetByteArrayAsync($"/artifactory/api/pypi/{virtualKey}/packages/shared/1.0/{localCopy.FileName}");
        byte[] fromRemote = await Admin.GetByteArrayAsync($"/artifactory/api/pypi/{virtualKey}/packages/shared/0.9/{upstreamOnly.FileName}");

        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync($"/artifactory/api/storage/{local}/shared/1.0/{localCopy.FileName}")).StatusCode);
        Assert.Contains($"#sha256={localCopy.Sha256}\" data-requires-python=\"&gt;=3.10\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(upstreamOld.Sha256, html, StringComparison.Ordinal);
        Assert.Contains(upstreamOnly.FileName, html, StringComparison.Ordinal);
        Assert.Contains(newer.FileName, html, StringComparison.Ordinal);
        Assert.Equal(localCopy.Bytes, fromLocal);
        Assert.Equal(upstreamOnly.Bytes, fromRemote);
        string list = await Admin.GetStringAsync($"/artifactory/api/pypi/{virtualKey}/simple/");
        Assert.Contains("<a href=\"shared/\">", list, StringComparison.Ordinal);
    }

    /// <summary>Serves a project page (and the root list) under <c>{site}simple/</c>, with the wheels under <c>{site}files/</c>.</summary>
    private Uri ServeProject(Uri site, string project, PypiWheel wheel, bool absoluteLinks, byte[]? bytes = null, PypiWheel? extra = null)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body><h1>Links</h1>\n");
        Uri? first = null;
        foreach (PypiWheel served in extra is null ? [wheel] : new[] { wheel, extra })
        {
            var file = new Uri(site, $"files/{served.FileName}");
            first ??= file;
            string href = absoluteLinks ? file.AbsoluteUri : $"../../files/{served.FileName}";
            html.Append($"<a href=\"{href}#sha256={served.Sha256}\" data-requires-python=\"&gt;=3.8\" data-dist-info-metadata=\"sha256=00\">{served.FileName}</a><br/>\n");
            registry.Upstream.Serve(file, served == wheel && bytes is not null ? bytes : served.Bytes);
        }

        registry.Upstream.Serve(new Uri(site, $"simple/{project}/"), Encoding.UTF8.GetBytes(html.Append("</body></html>").ToString()));
        registry.Upstream.Serve(new Uri(site, "simple/"), Encoding.UTF8.GetBytes($"<html><body><a href=\"{project}/\">{project}</a></body></html>"));
        return first!;
    }
}
