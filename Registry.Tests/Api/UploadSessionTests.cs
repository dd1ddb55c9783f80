using System.Net;

namespace Registry.Tests.Api;

/// <summary>Cancelling sessions and addressing sessions that do not exist (or not here).</summary>
public sealed class UploadSessionTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    [Fact]
    public async Task DeleteUpload_Returns204_ThenEveryRequestOnItReturns404BlobUploadUnknown()
    {
        string location = await _client.StartUploadAsync(Names.Unique("sessions"));
        using HttpResponseMessage patch = await _client.PatchChunkAsync(location, new byte[10], 0);

        using HttpResponseMessage cancel = await _client.DeleteAsync(location);
        using HttpResponseMessage status = await _client.GetAsync(location);
        using HttpResponseMessage more = await _client.PatchChunkAsync(location, new byte[10], 10);
        using HttpResponseMessage close = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, Digests.Sha256(new byte[10])));
        using HttpResponseMessage again = await _client.DeleteAsync(location);

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        await OciAssert.ErrorAsync(status, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(more, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(close, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(again, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task CompletedUpload_IsGone_FurtherPatchReturns404BlobUploadUnknown()
    {
        byte[] content = Digests.RandomBytes(10);
        string location = await _client.StartUploadAsync(Names.Unique("sessions"));
        using HttpResponseMessage put = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, Digests.Sha256(content)), content, MediaTypes.OctetStream);

        using HttpResponseMessage patch = await _client.PatchChunkAsync(location, new byte[10], 10);
        using HttpResponseMessage status = await _client.GetAsync(location);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        await OciAssert.ErrorAsync(patch, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(status, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task UnknownUploadId_Returns404BlobUploadUnknown(string method)
    {
        string url = $"/v2/{Names.Unique("sessions")}/blobs/uploads/{Guid.NewGuid()}";
        if (method == "PUT")
        {
            url = RegistryRequests.WithDigest(url, Digests.Sha256([]));
        }

        using HttpResponseMessage response = await _client.SendAsync(new HttpMethod(method), url, method is "PATCH" or "PUT" ? [] : null);

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("a.b")]
    [InlineData("00000000")]
    [InlineData("%2e%2e%2fetc%2fpasswd")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public async Task InvalidUploadId_Returns404BlobUploadUnknown(string id)
    {
        string repository = Names.Unique("sessions");

        using HttpResponseMessage status = await _client.GetAsync($"/v2/{repository}/blobs/uploads/{id}");
        using HttpResponseMessage patch = await _client.SendAsync(HttpMethod.Patch, $"/v2/{repository}/blobs/uploads/{id}", [1], MediaTypes.OctetStream);

        await OciAssert.ErrorAsync(status, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(patch, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task UploadId_UsedUnderAnotherRepository_Returns404BlobUploadUnknown_AndSessionIsUntouched()
    {
        string owner = Names.Unique("sessions");
        string other = Names.Unique("sessions");
        byte[] content = Digests.RandomBytes(30);
        string digest = Digests.Sha256(content);
        string location = await _client.StartUploadAsync(owner);
        string id = location[(location.LastIndexOf('/') + 1)..];
        string foreign = $"/v2/{other}/blobs/uploads/{id}";

        using HttpResponseMessage status = await _client.GetAsync(foreign);
        using HttpResponseMessage patch = await _client.PatchChunkAsync(foreign, content, 0);
        using HttpResponseMessage close = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(foreign, digest), content, MediaTypes.OctetStream);
        using HttpResponseMessage cancel = await _client.DeleteAsync(foreign);
        using HttpResponseMessage own = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(location, digest), content, MediaTypes.OctetStream);
        using HttpResponseMessage leaked = await _client.HeadAsync($"/v2/{other}/blobs/{digest}");

        await OciAssert.ErrorAsync(status, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(patch, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(close, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(cancel, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        OciAssert.Status(leaked, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TwoSessions_InOneRepository_AreIndependent()
    {
        string repository = Names.Unique("sessions");
        byte[] a = Digests.RandomBytes(40);
        byte[] b = Digests.RandomBytes(60);
        string first = await _client.StartUploadAsync(repository);
        string second = await _client.StartUploadAsync(repository);

        using HttpResponseMessage patchA = await _client.PatchChunkAsync(first, a, 0);
        using HttpResponseMessage patchB = await _client.PatchChunkAsync(second, b, 0);
        using HttpResponseMessage putA = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(first, Digests.Sha256(a)));
        using HttpResponseMessage putB = await _client.SendAsync(HttpMethod.Put, RegistryRequests.WithDigest(second, Digests.Sha256(b)));

        Assert.NotEqual(first, second);
        Assert.Equal("0-39", patchA.Header("Range"));
        Assert.Equal("0-59", patchB.Header("Range"));
        Assert.Equal(HttpStatusCode.Created, putA.StatusCode);
        Assert.Equal(HttpStatusCode.Created, putB.StatusCode);
    }
}
