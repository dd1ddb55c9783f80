using System.Net;
using System.Text.Json;

namespace Registry.Tests.Api;

/// <summary><c>DELETE /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c> by digest and by tag.</summary>
public sealed class ManifestDeleteTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    private async Task<List<string>> TagsAsync(string repository)
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{repository}/tags/list");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement tags = json.RootElement.GetProperty("tags");
        return tags.ValueKind == JsonValueKind.Null ? [] : [.. tags.EnumerateArray().Select(t => t.GetString()!)];
    }

    [Fact]
    public async Task DeleteManifest_ByDigest_Returns202_AndItAndItsTagsAreGone()
    {
        string repository = Names.Unique("delete");
        PushedManifest image = await _client.PushImageAsync(repository, "one");
        using HttpResponseMessage secondTag = await _client.PutManifestAsync(repository, "two", image.Content, image.MediaType);
        PushedManifest other = await _client.PushImageAsync(repository, "other");

        using HttpResponseMessage deleted = await _client.DeleteAsync($"/v2/{repository}/manifests/{image.Digest}");
        using HttpResponseMessage byDigest = await _client.GetAsync($"/v2/{repository}/manifests/{image.Digest}");
        using HttpResponseMessage byTag = await _client.GetAsync($"/v2/{repository}/manifests/one");
        using HttpResponseMessage bySecondTag = await _client.HeadAsync($"/v2/{repository}/manifests/two");
        using HttpResponseMessage untouched = await _client.HeadAsync($"/v2/{repository}/manifests/other");

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        await OciAssert.ErrorAsync(byDigest, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        await OciAssert.ErrorAsync(byTag, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        OciAssert.Status(bySecondTag, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, untouched.StatusCode);
        Assert.Equal(["other"], await TagsAsync(repository));
        Assert.Equal(other.Digest, untouched.Header("Docker-Content-Digest"));
    }

    [Fact]
    public async Task DeleteManifest_ByTag_Returns202_AndManifestRemainsReachableByDigest()
    {
        string repository = Names.Unique("delete");
        PushedManifest image = await _client.PushImageAsync(repository, "gone");
        using HttpResponseMessage keep = await _client.PutManifestAsync(repository, "kept", image.Content, image.MediaType);

        using HttpResponseMessage deleted = await _client.DeleteAsync($"/v2/{repository}/manifests/gone");
        using HttpResponseMessage byTag = await _client.GetAsync($"/v2/{repository}/manifests/gone");
        using HttpResponseMessage byDigest = await _client.GetAsync($"/v2/{repository}/manifests/{image.Digest}");
        using HttpResponseMessage byOtherTag = await _client.HeadAsync($"/v2/{repository}/manifests/kept");

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        await OciAssert.ErrorAsync(byTag, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        Assert.Equal(HttpStatusCode.OK, byDigest.StatusCode);
        Assert.Equal(image.Content, await byDigest.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, byOtherTag.StatusCode);
        Assert.Equal(["kept"], await TagsAsync(repository));
    }

    [Fact]
    public async Task DeleteManifest_UnknownDigest_Returns404ManifestUnknown()
    {
        string repository = Names.Unique("delete");
        await _client.PushImageAsync(repository, "v1");

        using HttpResponseMessage response = await _client.DeleteAsync($"/v2/{repository}/manifests/{Digests.RandomSha256()}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task DeleteManifest_UnknownTag_Returns404ManifestUnknown()
    {
        string repository = Names.Unique("delete");
        await _client.PushImageAsync(repository, "v1");

        using HttpResponseMessage response = await _client.DeleteAsync($"/v2/{repository}/manifests/nope");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task DeleteManifest_Twice_SecondReturns404ManifestUnknown()
    {
        string repository = Names.Unique("delete");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");

        using HttpResponseMessage first = await _client.DeleteAsync($"/v2/{repository}/manifests/{image.Digest}");
        using HttpResponseMessage second = await _client.DeleteAsync($"/v2/{repository}/manifests/{image.Digest}");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await OciAssert.ErrorAsync(second, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task DeleteManifest_ThenPushAgain_IsServedAgain()
    {
        string repository = Names.Unique("delete");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");
        using HttpResponseMessage deleted = await _client.DeleteAsync($"/v2/{repository}/manifests/{image.Digest}");

        using HttpResponseMessage again = await _client.PutManifestAsync(repository, "v1", image.Content, image.MediaType);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/manifests/v1");

        await OciAssert.SuccessAsync(again, HttpStatusCode.Created);
        Assert.Equal(image.Content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DeleteManifest_WithInvalidTag_Returns400TagInvalid()
    {
        using HttpResponseMessage response = await _client.DeleteAsync($"/v2/{Names.Unique("delete")}/manifests/.dot");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "TAG_INVALID");
    }
}
