using System.Net;

namespace Registry.Tests.Api;

/// <summary>Cross-repository blob mount: <c>POST /v2/&lt;name&gt;/blobs/uploads/?mount=&lt;digest&gt;&amp;from=&lt;other&gt;</c>.</summary>
public sealed class MountTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    [Fact]
    public async Task Mount_WhenSourceHasBlob_Returns201WithLocationAndDigest_AndTargetServesIt()
    {
        string source = Names.Unique("mount");
        string target = Names.Unique("mount");
        byte[] content = Digests.RandomBytes(500);
        string digest = await _client.PushBlobAsync(source, content);
        int files = factory.CountBlobFiles();

        using HttpResponseMessage mount = await _client.PostAsync($"/v2/{target}/blobs/uploads/?mount={digest}&from={source}", null);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{target}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        Assert.Equal($"/v2/{target}/blobs/{digest}", mount.Headers.Location?.OriginalString);
        Assert.Equal(digest, mount.Header("Docker-Content-Digest"));
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(files, factory.CountBlobFiles());
    }

    [Fact]
    public async Task Mount_Sha512Blob_Returns201()
    {
        string source = Names.Unique("mount");
        string target = Names.Unique("mount");
        string digest = await _client.PushBlobAsync(source, Digests.RandomBytes(64), sha512: true);

        using HttpResponseMessage mount = await _client.PostAsync($"/v2/{target}/blobs/uploads/?mount={digest}&from={source}", null);

        Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        Assert.Equal(digest, mount.Header("Docker-Content-Digest"));
    }

    [Fact]
    public async Task Mount_WhenSourceLacksBlob_Returns202WithUsableSession()
    {
        string source = Names.Unique("mount");
        string target = Names.Unique("mount");
        await _client.PushBlobAsync(source, Digests.RandomBytes(10));
        byte[] content = Digests.RandomBytes(100);
        string digest = Digests.Sha256(content);

        using HttpResponseMessage mount = await _client.PostAsync($"/v2/{target}/blobs/uploads/?mount={digest}&from={source}", null);
        string location = Assert.IsType<string>(mount.Headers.Location?.OriginalString);
        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest), content, MediaTypes.OctetStream);

        Assert.Equal(HttpStatusCode.Accepted, mount.StatusCode);
        Assert.StartsWith($"/v2/{target}/blobs/uploads/", location, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(mount.Header("Docker-Upload-UUID")));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    [Fact]
    public async Task Mount_FromUnknownRepository_Returns202WithSession()
    {
        string holder = Names.Unique("mount");
        string digest = await _client.PushBlobAsync(holder, Digests.RandomBytes(10));

        using HttpResponseMessage mount = await _client.PostAsync($"/v2/{Names.Unique("mount")}/blobs/uploads/?mount={digest}&from={Names.Unique("mount")}", null);

        Assert.Equal(HttpStatusCode.Accepted, mount.StatusCode);
        Assert.NotNull(mount.Headers.Location);
        Assert.False(string.IsNullOrEmpty(mount.Header("Docker-Upload-UUID")));
    }

    [Fact]
    public async Task Mount_FromInvalidRepositoryName_Returns202WithSession()
    {
        string digest = await _client.PushBlobAsync(Names.Unique("mount"), Digests.RandomBytes(10));

        using HttpResponseMessage mount = await _client.PostAsync($"/v2/{Names.Unique("mount")}/blobs/uploads/?mount={digest}&from=Not..Valid", null);

        Assert.Equal(HttpStatusCode.Accepted, mount.StatusCode);
        Assert.NotNull(mount.Headers.Location);
    }

    [Fact]
    public async Task Mount_WithoutFrom_Returns202WithSession()
    {
        string digest = await _client.PushBlobAsync(Names.Unique("mount"), Digests.RandomBytes(10));

        using HttpResponseMessage mount = await _client.PostAsync($"/v2/{Names.Unique("mount")}/blobs/uploads/?mount={digest}", null);

        Assert.True(mount.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Created, $"got {(int)mount.StatusCode}");
        Assert.NotNull(mount.Headers.Location);
    }

    [Fact]
    public async Task Mount_DeletedFromSource_Returns202()
    {
        string source = Names.Unique("mount");
        string digest = await _client.PushBlobAsync(source, Digests.RandomBytes(10));
        using HttpResponseMessage deleted = await _client.DeleteAsync($"/v2/{source}/blobs/{digest}");

        using HttpResponseMessage mount = await _client.PostAsync($"/v2/{Names.Unique("mount")}/blobs/uploads/?mount={digest}&from={source}", null);

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, mount.StatusCode);
    }

    [Fact]
    public async Task Mount_WithInvalidDigest_Returns400DigestInvalid()
    {
        using HttpResponseMessage mount = await _client.PostAsync($"/v2/{Names.Unique("mount")}/blobs/uploads/?mount=sha256:nope&from={Names.Unique("mount")}", null);

        await OciAssert.ErrorAsync(mount, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }
}
