using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Registry.Tests.Api;

/// <summary>Manifest pushes refused for what they reference: missing or foreign blobs and children, wrong digests, tags and sizes.</summary>
public sealed partial class ManifestErrorTests
{
    [Fact]
    public async Task PutManifest_WithMissingLayer_Returns400ManifestBlobUnknown()
    {
        (string repository, Descriptor config, _) = await PrepareAsync();
        Descriptor missing = new(MediaTypes.OciLayer, Digests.RandomSha256(), 100);
        byte[] manifest = Manifests.OciImage(config, [missing]);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "missing", manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
        await AssertTagAbsentAsync(repository, "missing");
    }

    [Fact]
    public async Task PutManifest_WithMissingConfig_Returns400ManifestBlobUnknown()
    {
        (string repository, _, Descriptor layer) = await PrepareAsync();
        byte[] manifest = Manifests.OciImage(new Descriptor(MediaTypes.OciConfig, Digests.RandomSha256(), 50), [layer]);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "nocfg", manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task PutManifest_WithBlobOnlyInAnotherRepository_Returns400ManifestBlobUnknown()
    {
        (_, Descriptor config, Descriptor layer) = await PrepareAsync();
        string elsewhere = Names.Unique("badmanifest");
        byte[] manifest = Manifests.OciImage(config, [layer]);

        using HttpResponseMessage response = await _client.PutManifestAsync(elsewhere, "foreign", manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task PutIndex_ReferencingMissingChildManifest_Returns400ManifestBlobUnknown()
    {
        string repository = Names.Unique("badmanifest");
        PushedManifest present = await _client.PushImageAsync(repository);
        byte[] index = Manifests.OciIndex([present.Descriptor, new Descriptor(MediaTypes.OciManifest, Digests.RandomSha256(), 500)]);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "idx", index, MediaTypes.OciIndex);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
        await AssertTagAbsentAsync(repository, "idx");
    }

    [Fact]
    public async Task PutDockerList_ReferencingMissingChildManifest_Returns400ManifestBlobUnknown()
    {
        string repository = Names.Unique("badmanifest");
        byte[] list = Manifests.DockerList([new Descriptor(MediaTypes.DockerManifest, Digests.RandomSha256(), 500) { Platform = ("linux", "amd64") }]);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "list", list, MediaTypes.DockerManifestList);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task PutIndex_ReferencingABlobInsteadOfAManifest_Returns400ManifestBlobUnknown()
    {
        (string repository, Descriptor config, _) = await PrepareAsync();
        byte[] index = Manifests.OciIndex([config with { MediaType = MediaTypes.OciManifest }]);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "idx", index, MediaTypes.OciIndex);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task PutManifest_WithDigestInUrlNotMatchingContent_Returns400DigestInvalid()
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        byte[] manifest = Manifests.OciImage(config, [layer]);
        string wrong = Digests.RandomSha256();

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, wrong, manifest, MediaTypes.OciManifest);
        using HttpResponseMessage underActual = await _client.HeadAsync($"/v2/{repository}/manifests/{Digests.Sha256(manifest)}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        OciAssert.Status(underActual, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutManifest_WithSha512InUrlNotMatchingContent_Returns400DigestInvalid()
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        byte[] manifest = Manifests.OciImage(config, [layer]);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, Digests.Sha512([1, 2, 3]), manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task PutManifest_WithMalformedDigestReference_Returns400DigestInvalid()
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "sha256:0000", Manifests.OciImage(config, [layer]), MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Theory]
    [InlineData("-leadingdash")]
    [InlineData(".leadingdot")]
    [InlineData("has+plus")]
    [InlineData("has%20space")]
    [InlineData("tilde~")]
    [InlineData("t12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678")]
    public async Task PutManifest_WithInvalidTag_Returns400TagInvalid(string tag)
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, tag, Manifests.OciImage(config, [layer]), MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "TAG_INVALID");
    }

    [Fact]
    public async Task PutManifest_WithLayerSizeNotMatchingStoredBlob_Returns400ManifestInvalid()
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        byte[] manifest = Manifests.OciImage(config, [layer with { Size = layer.Size + 1 }]);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "size", manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
        await AssertTagAbsentAsync(repository, "size");
    }

    [Fact]
    public async Task PutManifest_WithConfigSizeNotMatchingStoredBlob_Returns400ManifestInvalid()
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        byte[] manifest = Manifests.OciImage(config with { Size = 1 }, [layer]);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "size", manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task PutIndex_WithChildSizeNotMatchingStoredManifest_Returns400ManifestInvalid()
    {
        string repository = Names.Unique("badmanifest");
        PushedManifest child = await _client.PushImageAsync(repository);
        byte[] index = Manifests.OciIndex([child.Descriptor with { Size = child.Content.Length - 1 }]);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "idx", index, MediaTypes.OciIndex);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task PutManifest_WithEmptyDescriptorOfWrongSize_Returns400()
    {
        (string repository, _, Descriptor layer) = await PrepareAsync();
        byte[] manifest = Manifests.OciImage(Descriptor.Empty with { Size = 3 }, [layer]);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "emptysize", manifest, MediaTypes.OciManifest);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(OciAssert.ErrorCodes(await response.Content.ReadAsStringAsync()),
            code => code is "MANIFEST_INVALID" or "MANIFEST_BLOB_UNKNOWN");
    }

    /// <summary>A syntactically valid manifest of exactly <paramref name="size"/> bytes (padded in an annotation).</summary>
    private static byte[] PaddedManifest(int size)
    {
        var config = new Descriptor(MediaTypes.OciConfig, Digests.RandomSha256(), 10);
        byte[] small = Manifests.OciImage(config, [], annotations: new Dictionary<string, string> { ["pad"] = "" });
        return Manifests.OciImage(config, [], annotations: new Dictionary<string, string> { ["pad"] = new string('x', size - small.Length) });
    }
}
