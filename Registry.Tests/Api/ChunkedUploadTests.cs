using System.Net;

namespace Registry.Tests.Api;

/// <summary>Chunked pushes: <c>PATCH</c> with and without <c>Content-Range</c>, status, and closing <c>PUT</c>.</summary>
public sealed class ChunkedUploadTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    [Fact]
    public async Task PatchChunks_InOrder_Return202WithGrowingRange_AndPutCommits()
    {
        string repository = Names.Unique("chunked");
        byte[] content = Digests.RandomBytes(300);
        string digest = Digests.Sha256(content);
        string location = await _client.StartUploadAsync(repository);

        using HttpResponseMessage first = await _client.PatchChunkAsync(location, content[..100], 0);
        using HttpResponseMessage second = await _client.PatchChunkAsync(first.Headers.Location!.OriginalString, content[100..300], 100);
        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(second.Headers.Location!.OriginalString, digest));
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("0-99", first.Header("Range"));
        Assert.False(string.IsNullOrEmpty(first.Header("Docker-Upload-UUID")));
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("0-299", second.Header("Range"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(digest, put.Header("Docker-Content-Digest"));
        Assert.Equal($"/v2/{repository}/blobs/{digest}", put.Headers.Location?.OriginalString);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PatchChunk_WithRfcStyleContentRange_IsAccepted()
    {
        string location = await _client.StartUploadAsync(Names.Unique("chunked"));

        using HttpResponseMessage response = await _client.PatchChunkAsync(location, new byte[10], 0, "bytes 0-9/*");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("0-9", response.Header("Range"));
    }

    [Fact]
    public async Task PatchChunk_OutOfOrder_Returns416_AndSessionStillAcceptsTheCorrectNextChunk()
    {
        string repository = Names.Unique("chunked");
        byte[] content = Digests.RandomBytes(300);
        string digest = Digests.Sha256(content);
        string location = await _client.StartUploadAsync(repository);
        using HttpResponseMessage first = await _client.PatchChunkAsync(location, content[..100], 0);

        using HttpResponseMessage gap = await _client.PatchChunkAsync(location, content[200..300], 200);
        using HttpResponseMessage status = await _client.GetAsync(location);
        using HttpResponseMessage next = await _client.PatchChunkAsync(location, content[100..200], 100);
        using HttpResponseMessage last = await _client.PatchChunkAsync(location, content[200..300], 200);
        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest));
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await OciAssert.ErrorAsync(gap, HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID");
        Assert.Equal("0-99", gap.Header("Range"));
        Assert.Equal("0-99", status.Header("Range"));
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        Assert.Equal("0-199", next.Header("Range"));
        Assert.Equal(HttpStatusCode.Accepted, last.StatusCode);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PatchChunk_OverlappingWhatWasReceived_Returns416_AndKeepsTheSession()
    {
        string repository = Names.Unique("chunked");
        byte[] content = Digests.RandomBytes(200);
        string digest = Digests.Sha256(content);
        string location = await _client.StartUploadAsync(repository);
        using HttpResponseMessage first = await _client.PatchChunkAsync(location, content[..100], 0);

        using HttpResponseMessage overlap = await _client.PatchChunkAsync(location, content[50..150], 50);
        using HttpResponseMessage next = await _client.PatchChunkAsync(location, content[100..], 100);
        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest));

        await OciAssert.ErrorAsync(overlap, HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID");
        Assert.Equal("0-99", overlap.Header("Range"));
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    [Fact]
    public async Task PatchChunk_FirstChunkNotStartingAtZero_Returns416()
    {
        string location = await _client.StartUploadAsync(Names.Unique("chunked"));

        using HttpResponseMessage response = await _client.PatchChunkAsync(location, new byte[10], 5);

        await OciAssert.ErrorAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID");
        Assert.NotNull(response.Headers.Location);
        Assert.Equal("0-0", response.Header("Range"));
    }

    [Fact]
    public async Task PatchChunk_ContentRangeDisagreeingWithContentLength_Returns416()
    {
        string location = await _client.StartUploadAsync(Names.Unique("chunked"));

        using HttpResponseMessage response = await _client.PatchChunkAsync(location, new byte[10], 0, "0-19");

        await OciAssert.ErrorAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID");
    }

    [Fact]
    public async Task PatchChunk_WithMalformedContentRange_Returns400BlobUploadInvalid()
    {
        string location = await _client.StartUploadAsync(Names.Unique("chunked"));

        using HttpResponseMessage response = await _client.PatchChunkAsync(location, new byte[10], 0, "ten-twenty");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "BLOB_UPLOAD_INVALID");
    }

    [Fact]
    public async Task PatchWithoutContentRange_StreamsTheBody_Returns202WithRange()
    {
        string repository = Names.Unique("chunked");
        byte[] content = Digests.RandomBytes(3 * 1024 * 1024 + 17);
        string digest = Digests.Sha256(content);
        string location = await _client.StartUploadAsync(repository);

        using HttpResponseMessage patch = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, location)
        {
            Content = new UnknownLengthContent(content),
        });
        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest));
        using HttpResponseMessage head = await _client.HeadAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        Assert.Equal($"0-{content.Length - 1}", patch.Header("Range"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(content.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task PatchWithoutContentRange_Twice_AppendsBoth()
    {
        string repository = Names.Unique("chunked");
        byte[] content = Digests.RandomBytes(64);
        string digest = Digests.Sha256(content);
        string location = await _client.StartUploadAsync(repository);

        using HttpResponseMessage first = await _client.SendAsync(HttpMethod.Patch, location, content[..20], MediaTypes.OctetStream);
        using HttpResponseMessage second = await _client.SendAsync(HttpMethod.Patch, location, content[20..], MediaTypes.OctetStream);
        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest));

        Assert.Equal("0-19", first.Header("Range"));
        Assert.Equal("0-63", second.Header("Range"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    [Fact]
    public async Task GetUploadStatus_Returns204WithRangeLocationAndUuid()
    {
        string repository = Names.Unique("chunked");
        string location = await _client.StartUploadAsync(repository);
        using HttpResponseMessage patch = await _client.PatchChunkAsync(location, new byte[42], 0);

        using HttpResponseMessage status = await _client.GetAsync(location);

        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal("0-41", status.Header("Range"));
        Assert.StartsWith($"/v2/{repository}/blobs/uploads/", status.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(patch.Header("Docker-Upload-UUID"), status.Header("Docker-Upload-UUID"));
    }

    [Fact]
    public async Task PutClose_WithLastChunkInBody_Returns201WithWholeBlob()
    {
        string repository = Names.Unique("chunked");
        byte[] content = Digests.RandomBytes(250);
        string digest = Digests.Sha256(content);
        string location = await _client.StartUploadAsync(repository);
        using HttpResponseMessage patch = await _client.PatchChunkAsync(location, content[..200], 0);

        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest), content[200..], MediaTypes.OctetStream);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PutClose_WithLastChunkAndContentRange_Returns201()
    {
        string repository = Names.Unique("chunked");
        byte[] content = Digests.RandomBytes(250);
        string digest = Digests.Sha256(content);
        string location = await _client.StartUploadAsync(repository);
        using HttpResponseMessage patch = await _client.PatchChunkAsync(location, content[..200], 0);
        HttpRequestMessage request = RegistryRequests.Request(HttpMethod.Put, RegistryRequests.WithDigest(location, digest), content[200..], MediaTypes.OctetStream);
        request.Content!.Headers.TryAddWithoutValidation("Content-Range", "200-249");

        using HttpResponseMessage put = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    [Fact]
    public async Task PutClose_WithLastChunkAtWrongOffset_Returns416()
    {
        string location = await _client.StartUploadAsync(Names.Unique("chunked"));
        using HttpResponseMessage patch = await _client.PatchChunkAsync(location, new byte[100], 0);
        byte[] tail = new byte[10];
        HttpRequestMessage request = RegistryRequests.Request(HttpMethod.Put, RegistryRequests.WithDigest(location, Digests.Sha256(new byte[110])), tail, MediaTypes.OctetStream);
        request.Content!.Headers.TryAddWithoutValidation("Content-Range", "150-159");

        using HttpResponseMessage put = await _client.SendAsync(request);

        await OciAssert.ErrorAsync(put, HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID");
    }

    [Fact]
    public async Task PutClose_WithWrongDigest_Returns400DigestInvalid_AndBlobIsNotPresent()
    {
        string repository = Names.Unique("chunked");
        byte[] content = Digests.RandomBytes(100);
        string wrong = Digests.RandomSha256();
        string location = await _client.StartUploadAsync(repository);
        using HttpResponseMessage patch = await _client.PatchChunkAsync(location, content, 0);

        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, wrong));
        using HttpResponseMessage underWrong = await _client.HeadAsync($"/v2/{repository}/blobs/{wrong}");
        using HttpResponseMessage underActual = await _client.HeadAsync($"/v2/{repository}/blobs/{Digests.Sha256(content)}");

        await OciAssert.ErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        OciAssert.Status(underWrong, HttpStatusCode.NotFound);
        OciAssert.Status(underActual, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutClose_AfterWrongDigest_CanBeRetriedWithTheRightDigest()
    {
        string repository = Names.Unique("chunked");
        byte[] content = Digests.RandomBytes(100);
        string digest = Digests.Sha256(content);
        string location = await _client.StartUploadAsync(repository);
        using HttpResponseMessage patch = await _client.PatchChunkAsync(location, content, 0);

        using HttpResponseMessage wrong = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, Digests.RandomSha256()));
        using HttpResponseMessage right = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest));
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");

        await OciAssert.ErrorAsync(wrong, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PutClose_WithoutDigest_Returns400DigestInvalid()
    {
        string location = await _client.StartUploadAsync(Names.Unique("chunked"));

        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, location, [1, 2, 3], MediaTypes.OctetStream);

        await OciAssert.ErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task PutClose_WithMalformedDigest_Returns400DigestInvalid()
    {
        string location = await _client.StartUploadAsync(Names.Unique("chunked"));

        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, "sha256:xyz"));

        await OciAssert.ErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task ChunkedUpload_WithSha512Digest_Returns201AndServesTheBlob()
    {
        string repository = Names.Unique("chunked");
        byte[] content = Digests.RandomBytes(1000);
        string digest = Digests.Sha512(content);
        string location = await _client.StartUploadAsync(repository);
        using HttpResponseMessage first = await _client.PatchChunkAsync(location, content[..400], 0);
        using HttpResponseMessage second = await _client.PatchChunkAsync(location, content[400..], 400);

        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest));
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(digest, put.Header("Docker-Content-Digest"));
        Assert.Equal($"/v2/{repository}/blobs/{digest}", put.Headers.Location?.OriginalString);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ChunkedUpload_WithWrongSha512Digest_Returns400DigestInvalid()
    {
        string location = await _client.StartUploadAsync(Names.Unique("chunked"));
        using HttpResponseMessage patch = await _client.PatchChunkAsync(location, Digests.RandomBytes(50), 0);

        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, Digests.Sha512(Digests.RandomBytes(50))));

        await OciAssert.ErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }
}
