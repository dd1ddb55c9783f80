using System.Net;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Upstream;

/// <summary>Mirror mode: names outside every key pulled through a mirror remote, chosen by containerd's <c>?ns=</c>, authorized on <c>&lt;key&gt;/&lt;name&gt;</c>.</summary>
public sealed class RemoteMirrorTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>, IAsyncLifetime
{
    private readonly UpstreamRepository content = new("team/app");
    private readonly string alias = AuthRegistry.UniqueName("host") + ".example";
    private FakeUpstream upstream = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.Handler = content.HandleAsync;
        key = await registry.CreateRemoteAsync(upstream.BaseUri, mirror: true, aliases: [alias]);
    }

    public async Task DisposeAsync() => await upstream.DisposeAsync();

    [Fact]
    public async Task NsNamingTheMirrorsAlias_PullsThroughIt_IntoTheKeysCache()
    {
        using HttpResponseMessage response = await GetManifestAsync(registry.Admin, $"/v2/team/app/manifests/latest?ns={alias}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content.IndexDigest, response.Header("Docker-Content-Digest"));
        ManifestRecord? cached = await registry.Service<IMetadataStore>().ResolveTagAsync(RepositoryName.Parse($"{key}/team/app"), TagName.Parse("latest"), CancellationToken.None);
        Assert.Equal(content.IndexDigest, cached!.Digest.Value);
        Assert.Null(await registry.Service<IMetadataStore>().GetTagsVersionAsync(RepositoryName.Parse("team/app"), CancellationToken.None));
    }

    [Fact]
    public async Task WithoutNs_TheFirstMirrorByKeyAnswers()
    {
        await using FakeUpstream first = await FakeUpstream.StartAsync();
        var firstContent = new UpstreamRepository("team/app");
        first.Handler = firstContent.HandleAsync;
        string firstKey = await registry.CreateRemoteAsync(first.BaseUri, mirror: true, prefix: "a0");

        using HttpResponseMessage response = await GetManifestAsync(registry.Admin, "/v2/team/app/manifests/latest");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(firstContent.IndexDigest, response.Header("Docker-Content-Digest"));
        Assert.StartsWith("a0", firstKey);
    }

    [Fact]
    public async Task LocalRepository_IsServedLocally_NotThroughTheMirror()
    {
        string local = Names.Unique("loc");
        PushedManifest pushed = await registry.PushImageAsync(local, "latest");

        using HttpResponseMessage response = await GetManifestAsync(registry.Admin, $"/v2/{local}/manifests/latest?ns={alias}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pushed.Digest, response.Header("Docker-Content-Digest"));
        Assert.Empty(upstream.Requests);
    }

    [Fact]
    public async Task Access_IsCheckedOnTheMappedName()
    {
        string readerOfKey = await registry.CreateUserAsync(("namespace", key, "reader"));
        string readerOfTeam = await registry.CreateUserAsync(("namespace", "team", "reader"));

        using HttpClient allowed = registry.Basic(readerOfKey, AuthRegistry.Password);
        using HttpClient refused = registry.Basic(readerOfTeam, AuthRegistry.Password);
        using HttpResponseMessage ok = await GetManifestAsync(allowed, $"/v2/team/app/manifests/latest?ns={alias}");
        using HttpResponseMessage denied = await GetManifestAsync(refused, $"/v2/team/app/manifests/latest?ns={alias}");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task TokenForTheRequestedName_IsGrantedWhenTheMappedNameMayBePulled()
    {
        string readerOfKey = await registry.CreateUserAsync(("namespace", key, "reader"));

        using HttpClient bearer = await registry.BearerForAsync(readerOfKey, AuthRegistry.Password, "repository:team/app:pull");
        using HttpResponseMessage response = await GetManifestAsync(bearer, $"/v2/team/app/manifests/latest?ns={alias}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Push_ToAMirroredName_IsAnOrdinaryLocalPush()
    {
        string name = Names.Unique("team");

        PushedManifest pushed = await registry.PushImageAsync(name, "v1");

        Assert.Equal(HttpStatusCode.OK, await registry.ManifestStatusAsync(name, "v1"));
        Assert.Empty(upstream.Requests);
        Assert.NotNull(pushed.Digest);
    }

    private static async Task<HttpResponseMessage> GetManifestAsync(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new(MediaTypes.OciIndex));
        request.Headers.Accept.Add(new(MediaTypes.OciManifest));
        return await client.SendAsync(request);
    }
}
