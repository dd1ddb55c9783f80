using System.Net;
using System.Net.Http.Headers;

namespace Registry.Tests.Api;

/// <summary><c>GET</c>, <c>HEAD</c> and <c>DELETE /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>.</summary>
public sealed class BlobTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    [Fact]
    public async Task GetBlob_ReturnsExactBytesWithDigestLengthAndOctetStreamType()
    {
        string repository = Names.Unique("blobs");
        byte[] content = Digests.RandomBytes(1000);
        string digest = await _client.PushBlobAsync(repository, content);

        using HttpResponseMessage response = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, response.Header("Docker-Content-Digest"));
        Assert.Equal(content.Length, response.Content.Headers.ContentLength);
        Assert.Equal(MediaTypes.OctetStream, response.ContentType());
    }

    [Fact]
    public async Task HeadBlob_ReturnsHeadersWithoutBody()
    {
        string repository = Names.Unique("blobs");
        byte[] content = Digests.RandomBytes(777);
        string digest = await _client.PushBlobAsync(repository, content);

        using HttpResponseMessage response = await _client.HeadAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(digest, response.Header("Docker-Content-Digest"));
        Assert.Equal(777, response.Content.Headers.ContentLength);
        Assert.Equal(MediaTypes.OctetStream, response.ContentType());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetBlob_EmptyBlob_Returns200WithZeroLength()
    {
        string repository = Names.Unique("blobs");
        string digest = await _client.PushBlobAsync(repository, []);

        using HttpResponseMessage response = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", digest);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, response.Header("Docker-Content-Digest"));
    }

    [Fact]
    public async Task GetBlob_WithByteRange_Returns206WithContentRangeAndThoseBytes()
    {
        string repository = Names.Unique("blobs");
        byte[] content = Digests.RandomBytes(100);
        string digest = await _client.PushBlobAsync(repository, content);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(10, 19);

        using HttpResponseMessage response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 10-19/100", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(10, response.Content.Headers.ContentLength);
        Assert.Equal(content[10..20], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetBlob_WithOpenEndedAndSuffixRanges_Returns206WithTheTail()
    {
        string repository = Names.Unique("blobs");
        byte[] content = Digests.RandomBytes(50);
        string digest = await _client.PushBlobAsync(repository, content);

        using var openEnded = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{digest}");
        openEnded.Headers.Range = new RangeHeaderValue(40, null);
        using HttpResponseMessage first = await _client.SendAsync(openEnded);
        using var suffix = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{digest}");
        suffix.Headers.Range = new RangeHeaderValue(null, 5);
        using HttpResponseMessage second = await _client.SendAsync(suffix);

        Assert.Equal(HttpStatusCode.PartialContent, first.StatusCode);
        Assert.Equal(content[40..], await first.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 40-49/50", first.Content.Headers.ContentRange?.ToString());
        Assert.Equal(HttpStatusCode.PartialContent, second.StatusCode);
        Assert.Equal(content[45..], await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetBlob_WithUnsatisfiableRange_Returns416()
    {
        string repository = Names.Unique("blobs");
        string digest = await _client.PushBlobAsync(repository, Digests.RandomBytes(100));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(500, 600);

        using HttpResponseMessage response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */100", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task DeleteBlob_Returns202_ThenGetReturns404BlobUnknown()
    {
        string repository = Names.Unique("blobs");
        string digest = await _client.PushBlobAsync(repository, Digests.RandomBytes(20));

        using HttpResponseMessage deleted = await _client.DeleteAsync($"/v2/{repository}/blobs/{digest}");
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/blobs/{digest}");
        using HttpResponseMessage head = await _client.HeadAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        await OciAssert.ErrorAsync(get, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        OciAssert.Status(head, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteBlob_InOneRepository_LeavesItInAnother()
    {
        string first = Names.Unique("blobs");
        string second = Names.Unique("blobs");
        byte[] content = Digests.RandomBytes(20);
        string digest = await _client.PushBlobAsync(first, content);
        await _client.PushBlobAsync(second, content);

        using HttpResponseMessage deleted = await _client.DeleteAsync($"/v2/{first}/blobs/{digest}");
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{second}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DeleteBlob_Unknown_Returns404BlobUnknown()
    {
        using HttpResponseMessage response = await _client.DeleteAsync($"/v2/{Names.Unique("blobs")}/blobs/{Digests.RandomSha256()}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task GetBlob_Unknown_Returns404BlobUnknown()
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("blobs")}/blobs/{Digests.RandomSha256()}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task HeadBlob_Unknown_Returns404WithoutBody()
    {
        using HttpResponseMessage response = await _client.HeadAsync($"/v2/{Names.Unique("blobs")}/blobs/{Digests.RandomSha256()}");

        OciAssert.Status(response, HttpStatusCode.NotFound);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetBlob_PushedToAnotherRepositoryOnly_Returns404BlobUnknown()
    {
        string owner = Names.Unique("blobs");
        string digest = await _client.PushBlobAsync(owner, Digests.RandomBytes(20));

        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("blobs")}/blobs/{digest}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:zzzzc44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha256e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha256:")]
    [InlineData("notadigest")]
    [InlineData("sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public async Task GetBlob_WithInvalidDigest_Returns400DigestInvalid(string digest)
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("blobs")}/blobs/{digest}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Theory]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("blake3:af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262")]
    public async Task GetBlob_WithUnsupportedAlgorithm_Returns400DigestInvalid(string digest)
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("blobs")}/blobs/{digest}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task DeleteBlob_WithInvalidDigest_Returns400DigestInvalid()
    {
        using HttpResponseMessage response = await _client.DeleteAsync($"/v2/{Names.Unique("blobs")}/blobs/sha256:nothex");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }
}
