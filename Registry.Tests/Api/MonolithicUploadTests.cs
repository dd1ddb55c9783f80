using System.Net;

namespace Registry.Tests.Api;

/// <summary>Single-request pushes: <c>POST ?digest=</c>, and <c>POST</c> then one <c>PUT</c> with the whole body.</summary>
public sealed class MonolithicUploadTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    [Fact]
    public async Task PostUpload_OpensSession_Returns202WithLocationUuidAndRange()
    {
        string repository = Names.Unique("uploads");

        using HttpResponseMessage response = await _client.PostAsync($"/v2/{repository}/blobs/uploads/", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string location = Assert.IsType<string>(response.Headers.Location?.OriginalString);
        Assert.StartsWith($"/v2/{repository}/blobs/uploads/", location, StringComparison.Ordinal);
        string? uuid = response.Header("Docker-Upload-UUID");
        Assert.False(string.IsNullOrEmpty(uuid));
        Assert.Contains(uuid, location, StringComparison.Ordinal);
        Assert.Equal("0-0", response.Header("Range"));
    }

    [Fact]
    public async Task PostUpload_WithoutTrailingSlash_OpensSession()
    {
        using HttpResponseMessage response = await _client.PostAsync($"/v2/{Names.Unique("uploads")}/blobs/uploads", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
    }

    [Fact]
    public async Task PostUpload_WithDigest_StoresBlob_Returns201WithLocationAndDigest()
    {
        string repository = Names.Unique("uploads");
        byte[] content = Digests.RandomBytes(300);
        string digest = Digests.Sha256(content);

        using HttpResponseMessage response = await _client.SendAsync(HttpMethod.Post,
            $"/v2/{repository}/blobs/uploads/?digest={digest}", content, MediaTypes.OctetStream);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v2/{repository}/blobs/{digest}", response.Headers.Location?.OriginalString);
        Assert.Equal(digest, response.Header("Docker-Content-Digest"));
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PostUpload_WithWrongDigest_Returns400DigestInvalid_AndStoresNothing()
    {
        string repository = Names.Unique("uploads");
        byte[] content = Digests.RandomBytes(300);
        string claimed = Digests.RandomSha256();
        int filesBefore = factory.CountBlobFiles();

        using HttpResponseMessage response = await _client.SendAsync(HttpMethod.Post,
            $"/v2/{repository}/blobs/uploads/?digest={claimed}", content, MediaTypes.OctetStream);
        using HttpResponseMessage underClaimed = await _client.HeadAsync($"/v2/{repository}/blobs/{claimed}");
        using HttpResponseMessage underActual = await _client.HeadAsync($"/v2/{repository}/blobs/{Digests.Sha256(content)}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        OciAssert.Status(underClaimed, HttpStatusCode.NotFound);
        OciAssert.Status(underActual, HttpStatusCode.NotFound);
        Assert.Equal(filesBefore, factory.CountBlobFiles());
    }

    [Fact]
    public async Task PostUpload_WithInvalidDigestParameter_Returns400DigestInvalid()
    {
        using HttpResponseMessage response = await _client.SendAsync(HttpMethod.Post,
            $"/v2/{Names.Unique("uploads")}/blobs/uploads/?digest=sha256:1234", [1, 2, 3], MediaTypes.OctetStream);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task PostUpload_WithUnsupportedDigestAlgorithm_Returns400DigestInvalid()
    {
        using HttpResponseMessage response = await _client.SendAsync(HttpMethod.Post,
            $"/v2/{Names.Unique("uploads")}/blobs/uploads/?digest=md5:d41d8cd98f00b204e9800998ecf8427e", [], MediaTypes.OctetStream);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task PostThenPut_WithWholeBody_Returns201AndBlobIsServed()
    {
        string repository = Names.Unique("uploads");
        byte[] content = Digests.RandomBytes(4096);
        string digest = Digests.Sha256(content);
        string location = await _client.StartUploadAsync(repository);

        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest), content, MediaTypes.OctetStream);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal($"/v2/{repository}/blobs/{digest}", put.Headers.Location?.OriginalString);
        Assert.Equal(digest, put.Header("Docker-Content-Digest"));
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PostThenPut_EmptyBlob_Returns201()
    {
        string repository = Names.Unique("uploads");
        string digest = Digests.Sha256([]);
        string location = await _client.StartUploadAsync(repository);

        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest));
        using HttpResponseMessage head = await _client.HeadAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(0, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task PostUpload_WithSha512Digest_StoresAndServesBlobBySha512()
    {
        string repository = Names.Unique("uploads");
        byte[] content = Digests.RandomBytes(2000);
        string digest = Digests.Sha512(content);

        using HttpResponseMessage response = await _client.SendAsync(HttpMethod.Post,
            $"/v2/{repository}/blobs/uploads/?digest={digest}", content, MediaTypes.OctetStream);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(digest, response.Header("Docker-Content-Digest"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(digest, get.Header("Docker-Content-Digest"));
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        Assert.True(factory.HasStoredBlob(digest));
    }

    [Fact]
    public async Task PostUpload_WithWrongSha512Digest_Returns400DigestInvalid()
    {
        byte[] content = Digests.RandomBytes(100);
        string wrong = Digests.Sha512(Digests.RandomBytes(100));

        using HttpResponseMessage response = await _client.SendAsync(HttpMethod.Post,
            $"/v2/{Names.Unique("uploads")}/blobs/uploads/?digest={wrong}", content, MediaTypes.OctetStream);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task PostThenPut_WithSha512Digest_Returns201()
    {
        string repository = Names.Unique("uploads");
        byte[] content = Digests.RandomBytes(1500);
        string digest = Digests.Sha512(content);
        string location = await _client.StartUploadAsync(repository);

        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest), content, MediaTypes.OctetStream);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(digest, put.Header("Docker-Content-Digest"));
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SameContent_PushedToTwoRepositories_IsStoredOnceOnDisk()
    {
        await using var registry = new RegistryApiFactory();
        using HttpClient client = registry.CreateRegistryClient();
        byte[] content = Digests.RandomBytes(5000);
        string first = Names.Unique("dedup");
        string second = Names.Unique("dedup");

        string digest = await client.PushBlobAsync(first, content);
        int afterFirst = registry.CountBlobFiles();
        string location = await client.StartUploadAsync(second);
        using HttpResponseMessage put = await client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest), content, MediaTypes.OctetStream);
        using HttpResponseMessage get = await client.GetAsync($"/v2/{second}/blobs/{digest}");

        Assert.Equal(1, afterFirst);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(1, registry.CountBlobFiles());
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        Assert.True(registry.HasStoredBlob(digest));
    }

    [Fact]
    public async Task SameImage_PushedToTwoRepositories_AddsNoFilesForTheSecond()
    {
        await using var registry = new RegistryApiFactory();
        using HttpClient client = registry.CreateRegistryClient();
        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(3000);
        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]);

        foreach (string repository in new[] { Names.Unique("dedup"), Names.Unique("dedup") })
        {
            await client.PushBlobAsync(repository, config);
            await client.PushBlobAsync(repository, layer);
            await client.PushManifestAsync(repository, manifest, MediaTypes.OciManifest, "v1");
            Assert.Equal(3, registry.CountBlobFiles());
        }
    }
}
