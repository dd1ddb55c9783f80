using System.Net;
using System.Text.Json;
using Registry.Api.Oci;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Upstream;

/// <summary>
/// Docker virtual repositories under <c>/v2/&lt;virtual&gt;/&lt;name&gt;</c>: content from the first member that has it
/// (a local member, then a remote pulling through), the union of the members' tags, pushes into the deployment
/// repository, and access checked on the virtual's name for reads and on the deployment repository for pushes.
/// </summary>
public sealed class DockerVirtualTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>, IAsyncLifetime
{
    private readonly UpstreamRepository content = new("app");
    private FakeUpstream upstream = null!;
    private string local = null!;
    private string remote = null!;
    private string @virtual = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.Handler = content.HandleAsync;
        remote = await registry.CreateRemoteAsync(upstream.BaseUri);
        local = await CreateAsync(RepositoryClass.Local, null);
        @virtual = await CreateAsync(RepositoryClass.Virtual, new VirtualMembers([local, remote], local));
    }

    public async Task DisposeAsync() => await upstream.DisposeAsync();

    [Fact]
    public async Task Manifests_AndBlobs_ComeFromTheFirstMemberThatHasThem()
    {
        PushedManifest pushed = await registry.PushImageAsync($"{local}/app", "latest");

        using HttpResponseMessage fromLocal = await GetAsync(registry.Admin, $"/v2/{@virtual}/app/manifests/latest");
        using HttpResponseMessage fromRemote = await GetAsync(registry.Admin, $"/v2/{@virtual}/app/manifests/{content.IndexDigest}");
        using HttpResponseMessage blob = await registry.Admin.GetAsync($"/v2/{@virtual}/app/blobs/{content.Platforms[0].LayerDigest}");

        Assert.Equal((HttpStatusCode.OK, pushed.Digest), (fromLocal.StatusCode, fromLocal.Header("Docker-Content-Digest")));
        Assert.Equal((HttpStatusCode.OK, content.IndexDigest), (fromRemote.StatusCode, fromRemote.Header("Docker-Content-Digest")));
        Assert.Equal(content.Platforms[0].Layer, await blob.Content.ReadAsByteArrayAsync());
        Assert.NotNull(await registry.Service<IMetadataStore>().GetManifestAsync(RepositoryName.Parse($"{remote}/app"), Digest.Parse(content.IndexDigest), CancellationToken.None));
    }

    [Fact]
    public async Task AManifestInNoMember_IsManifestUnknown()
    {
        using HttpResponseMessage response = await GetAsync(registry.Admin, $"/v2/{@virtual}/app/manifests/missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("MANIFEST_UNKNOWN", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagList_IsTheSortedUnionOfTheMembersTags_Paged()
    {
        await registry.PushImageAsync($"{local}/app", "v2");
        await registry.PushImageAsync($"{local}/app", "latest");
        content.Tag("stable", content.IndexDigest);
        using (HttpResponseMessage cached = await GetAsync(registry.Admin, $"/v2/{remote}/app/manifests/stable")) // the remote member caches its tag
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        using HttpResponseMessage all = await registry.Admin.GetAsync($"/v2/{@virtual}/app/tags/list");
        using HttpResponseMessage first = await registry.Admin.GetAsync($"/v2/{@virtual}/app/tags/list?n=1");

        (string name, string[] tags) = await TagsAsync(all);
        (_, string[] page) = await TagsAsync(first);
        Assert.Equal($"{@virtual}/app", name);
        Assert.Equal(["latest", "stable", "v2"], tags);
        Assert.Equal(["latest"], page);
        Assert.Equal($"</v2/{@virtual}/app/tags/list?n=1&last=latest>; rel=\"next\"", first.Header("Link"));
    }

    [Fact]
    public async Task Push_GoesToTheDeploymentRepository_ThroughLocationsNamingTheVirtual()
    {
        string location = await registry.Admin.StartUploadAsync($"{@virtual}/pushed");
        PushedManifest pushed = await registry.PushImageAsync($"{@virtual}/pushed", "v1");

        Assert.StartsWith($"/v2/{@virtual}/pushed/blobs/uploads/", location, StringComparison.Ordinal);
        ManifestRecord? stored = await registry.Service<IMetadataStore>().ResolveTagAsync(RepositoryName.Parse($"{local}/pushed"), TagName.Parse("v1"), CancellationToken.None);
        Assert.Equal(pushed.Digest, stored?.Digest.Value);
        Assert.Equal(HttpStatusCode.OK, await registry.ManifestStatusAsync($"{@virtual}/pushed", "v1"));
        Assert.DoesNotContain(upstream.Requests, r => r.Path.Contains("pushed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_WithoutADeploymentRepository_AndDelete_Answer405Unsupported()
    {
        string readOnly = await CreateAsync(RepositoryClass.Virtual, new VirtualMembers([local], null));

        using HttpResponseMessage push = await registry.Admin.PostAsync($"/v2/{readOnly}/app/blobs/uploads/", null);
        using HttpResponseMessage delete = await registry.Admin.DeleteAsync($"/v2/{@virtual}/app/manifests/{content.IndexDigest}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, push.StatusCode);
        Assert.Contains("defaultDeploymentRepo", await push.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Contains("UNSUPPORTED", await delete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_NeedsPullOnTheVirtual_NotOnTheMembers()
    {
        await registry.PushImageAsync($"{local}/app", "latest");
        string readerOfVirtual = await registry.CreateUserAsync(("namespace", @virtual, "reader"));
        string readerOfLocal = await registry.CreateUserAsync(("namespace", local, "reader"));

        using HttpClient allowed = await registry.BearerForAsync(readerOfVirtual, AuthRegistry.Password, $"repository:{@virtual}/app:pull");
        using HttpClient refused = registry.Basic(readerOfLocal, AuthRegistry.Password);
        using HttpResponseMessage ok = await GetAsync(allowed, $"/v2/{@virtual}/app/manifests/latest");
        using HttpResponseMessage denied = await GetAsync(refused, $"/v2/{@virtual}/app/manifests/latest");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Pushing_NeedsPushOnTheDeploymentRepository_WithATokenForTheVirtualsName()
    {
        string developerOfLocal = await registry.CreateUserAsync(("namespace", local, "developer"));
        string developerOfVirtual = await registry.CreateUserAsync(("namespace", @virtual, "developer"));

        using HttpClient allowed = await registry.BearerForAsync(developerOfLocal, AuthRegistry.Password, $"repository:{@virtual}/team:pull,push");
        using HttpClient refused = registry.Basic(developerOfVirtual, AuthRegistry.Password);
        using HttpResponseMessage ok = await allowed.PostAsync($"/v2/{@virtual}/team/blobs/uploads/", null);
        using HttpResponseMessage denied = await refused.PostAsync($"/v2/{@virtual}/team/blobs/uploads/", null);

        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains($"'{local}/team'", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> CreateAsync(RepositoryClass repositoryClass, VirtualMembers? members)
    {
        string key = (repositoryClass == RepositoryClass.Virtual ? "v" : "l") + Guid.NewGuid().ToString("N")[..10];
        var repository = new ArtifactRepository(key, ArtifactRepositoryType.Docker, false, "test", registry.Clock.GetUtcNow(), "admin")
        {
            Class = repositoryClass,
            Virtual = members,
        };
        Assert.True(await registry.Service<IArtifactStore>().CreateArtifactRepositoryAsync(repository, CancellationToken.None));
        await registry.Service<DockerRemotes>().RefreshAsync(CancellationToken.None);
        return key;
    }

    private static async Task<(string Name, string[] Tags)> TagsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("name").GetString()!, [.. json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)]);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new(MediaTypes.OciIndex));
        request.Headers.Accept.Add(new(MediaTypes.OciManifest));
        return await client.SendAsync(request);
    }
}
