using System.Net;

namespace Registry.Tests.Api;

/// <summary><c>PUT /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c> for every manifest kind, by tag and by digest.</summary>
public sealed class ManifestPushTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly HttpClient _client = factory.CreateRegistryClient();

    public enum Kind
    {
        OciImage,
        OciIndex,
        DockerImage,
        DockerList,
        Artifact,
    }

    /// <summary>Pushes what the manifest needs and returns its body and media type (not yet pushed).</summary>
    private async Task<(byte[] Content, string MediaType)> PrepareAsync(string repository, Kind kind)
    {
        switch (kind)
        {
            case Kind.OciImage:
            {
                byte[] config = Manifests.Config();
                byte[] layer = Digests.RandomBytes(100);
                await _client.PushBlobAsync(repository, config);
                await _client.PushBlobAsync(repository, layer);
                return (Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]), MediaTypes.OciManifest);
            }

            case Kind.DockerImage:
            {
                byte[] config = Manifests.Config();
                byte[] layer = Digests.RandomBytes(100);
                await _client.PushBlobAsync(repository, config);
                await _client.PushBlobAsync(repository, layer);
                return (Manifests.DockerImage(Descriptor.For(MediaTypes.DockerConfig, config), [Descriptor.For(MediaTypes.DockerLayer, layer)]), MediaTypes.DockerManifest);
            }

            case Kind.OciIndex:
            {
                PushedManifest amd64 = await _client.PushImageAsync(repository);
                PushedManifest arm64 = await _client.PushImageAsync(repository);
                return (Manifests.OciIndex([
                    amd64.Descriptor with { Platform = ("linux", "amd64") },
                    arm64.Descriptor with { Platform = ("linux", "arm64") },
                ]), MediaTypes.OciIndex);
            }

            case Kind.DockerList:
            {
                (byte[] image, string mediaType) = await PrepareAsync(repository, Kind.DockerImage);
                PushedManifest child = await _client.PushManifestAsync(repository, image, mediaType);
                return (Manifests.DockerList([child.Descriptor with { Platform = ("linux", "amd64") }]), MediaTypes.DockerManifestList);
            }

            default:
            {
                byte[] payload = Digests.RandomBytes(20);
                await _client.PushBlobAsync(repository, payload);
                return (Manifests.OciImage(Descriptor.Empty, [Descriptor.For("application/vnd.example.sbom.v1+json", payload)],
                    artifactType: "application/vnd.example.sbom.v1"), MediaTypes.OciManifest);
            }
        }
    }

    [Theory]
    [InlineData(Kind.OciImage)]
    [InlineData(Kind.OciIndex)]
    [InlineData(Kind.DockerImage)]
    [InlineData(Kind.DockerList)]
    [InlineData(Kind.Artifact)]
    public async Task PutManifest_ByTag_Returns201WithLocationAndDigest_AndGetByTagReturnsExactBytes(Kind kind)
    {
        string repository = Names.Unique("push");
        (byte[] content, string mediaType) = await PrepareAsync(repository, kind);
        string digest = Digests.Sha256(content);

        using HttpResponseMessage put = await _client.PutManifestAsync(repository, "v1", content, mediaType);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/manifests/v1");

        await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
        Assert.Equal($"/v2/{repository}/manifests/{digest}", put.Headers.Location?.OriginalString);
        Assert.Equal(digest, put.Header("Docker-Content-Digest"));
        Assert.Null(put.Header("OCI-Subject"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(mediaType, get.ContentType());
        Assert.Equal(digest, get.Header("Docker-Content-Digest"));
    }

    [Theory]
    [InlineData(Kind.OciImage)]
    [InlineData(Kind.OciIndex)]
    [InlineData(Kind.DockerImage)]
    [InlineData(Kind.DockerList)]
    [InlineData(Kind.Artifact)]
    public async Task PutManifest_ByDigest_Returns201_AndGetByDigestReturnsExactBytes(Kind kind)
    {
        string repository = Names.Unique("push");
        (byte[] content, string mediaType) = await PrepareAsync(repository, kind);
        string digest = Digests.Sha256(content);

        using HttpResponseMessage put = await _client.PutManifestAsync(repository, digest, content, mediaType);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/manifests/{digest}");

        await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
        Assert.Equal($"/v2/{repository}/manifests/{digest}", put.Headers.Location?.OriginalString);
        Assert.Equal(digest, put.Header("Docker-Content-Digest"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(mediaType, get.ContentType());
        Assert.Equal(digest, get.Header("Docker-Content-Digest"));
    }

    [Theory]
    [InlineData(Kind.OciImage)]
    [InlineData(Kind.OciIndex)]
    [InlineData(Kind.DockerImage)]
    [InlineData(Kind.DockerList)]
    [InlineData(Kind.Artifact)]
    public async Task HeadManifest_ByTagAndByDigest_Returns200WithTypeLengthAndDigest(Kind kind)
    {
        string repository = Names.Unique("push");
        (byte[] content, string mediaType) = await PrepareAsync(repository, kind);
        PushedManifest pushed = await _client.PushManifestAsync(repository, content, mediaType, "head");

        using HttpResponseMessage byTag = await _client.HeadAsync($"/v2/{repository}/manifests/head");
        using HttpResponseMessage byDigest = await _client.HeadAsync($"/v2/{repository}/manifests/{pushed.Digest}");

        foreach (HttpResponseMessage response in new[] { byTag, byDigest })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(mediaType, response.ContentType());
            Assert.Equal(content.Length, response.Content.Headers.ContentLength);
            Assert.Equal(pushed.Digest, response.Header("Docker-Content-Digest"));
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task PutManifest_WithSha512DigestReference_Returns201WithSha512Digest_AndIsServedBySha512()
    {
        string repository = Names.Unique("push");
        (byte[] content, string mediaType) = await PrepareAsync(repository, Kind.OciImage);
        string digest = Digests.Sha512(content);

        using HttpResponseMessage put = await _client.PutManifestAsync(repository, digest, content, mediaType);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/manifests/{digest}");

        await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
        Assert.Equal(digest, put.Header("Docker-Content-Digest"));
        Assert.Equal($"/v2/{repository}/manifests/{digest}", put.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PutManifest_WithSubject_Returns201WithOciSubjectHeader()
    {
        string repository = Names.Unique("push");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");

        byte[] payload = Digests.RandomBytes(10);
        await _client.PushBlobAsync(repository, payload);
        byte[] signature = Manifests.OciImage(Descriptor.Empty, [Descriptor.For("application/vnd.example.signature", payload)],
            subject: image.Descriptor, artifactType: "application/vnd.example.signature");
        using HttpResponseMessage put = await _client.PutManifestAsync(repository, Digests.Sha256(signature), signature, MediaTypes.OciManifest);

        await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
        Assert.Equal(image.Digest, put.Header("OCI-Subject"));
    }

    [Fact]
    public async Task PutManifest_WithSubjectThatDoesNotExist_IsAccepted()
    {
        string repository = Names.Unique("push");
        string missing = Digests.RandomSha256();

        PushedManifest artifact = await _client.PushArtifactAsync(repository, "application/vnd.example.early",
            subject: new Descriptor(MediaTypes.OciManifest, missing, 1234));
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/manifests/{artifact.Digest}");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task PutArtifact_ReferencingEmptyDescriptorNeverUploaded_Returns201_AndRegistryServesTheEmptyBlob()
    {
        string repository = Names.Unique("push");
        byte[] payload = Digests.RandomBytes(16);
        await _client.PushBlobAsync(repository, payload);
        byte[] manifest = Manifests.OciImage(Descriptor.Empty, [Descriptor.For("application/vnd.example.thing", payload)],
            artifactType: "application/vnd.example.thing");

        using HttpResponseMessage put = await _client.PutManifestAsync(repository, "art", manifest, MediaTypes.OciManifest);
        using HttpResponseMessage blob = await _client.GetAsync($"/v2/{repository}/blobs/{Digests.EmptyJson}");

        await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
        Assert.Equal("{}"u8.ToArray(), await blob.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PutArtifact_WithCustomConfigMediaTypeAndEmptyLayer_Returns201()
    {
        string repository = Names.Unique("push");
        byte[] config = """{"tool":"example"}"""u8.ToArray();
        await _client.PushBlobAsync(repository, config);
        byte[] manifest = Manifests.OciImage(Descriptor.For("application/vnd.example.config.v1+json", config), [Descriptor.Empty]);

        using HttpResponseMessage put = await _client.PutManifestAsync(repository, "cfg", manifest, MediaTypes.OciManifest);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/manifests/cfg");

        await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
        Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PutArtifact_WithEmptyConfigAndNoLayers_Returns201()
    {
        string repository = Names.Unique("push");
        byte[] manifest = Manifests.OciImage(Descriptor.Empty, [], artifactType: "application/vnd.example.marker");

        using HttpResponseMessage put = await _client.PutManifestAsync(repository, "marker", manifest, MediaTypes.OciManifest);

        await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
    }

    [Fact]
    public async Task PutManifest_WithNonDistributableLayerUrls_DoesNotRequireThatLayer()
    {
        string repository = Names.Unique("push");
        byte[] config = Manifests.Config();
        await _client.PushBlobAsync(repository, config);
        var foreignLayer = new Descriptor(MediaTypes.OciNonDistributableLayer, Digests.RandomSha256(), 123456)
        {
            Urls = ["https://example.com/layer.tar.gz"],
        };
        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [foreignLayer]);

        using HttpResponseMessage put = await _client.PutManifestAsync(repository, "foreign", manifest, MediaTypes.OciManifest);

        await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
    }

    [Fact]
    public async Task PutManifest_WithoutContentType_UsesTheBodyMediaType()
    {
        string repository = Names.Unique("push");
        (byte[] content, _) = await PrepareAsync(repository, Kind.DockerImage);

        using HttpResponseMessage put = await _client.PutManifestAsync(repository, "noct", content, null);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/manifests/noct");

        await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
        Assert.Equal(MediaTypes.DockerManifest, get.ContentType());
    }

    [Fact]
    public async Task PutManifest_SameTagAgain_MovesTheTagToTheNewManifest()
    {
        string repository = Names.Unique("push");
        PushedManifest first = await _client.PushImageAsync(repository, "latest");
        PushedManifest second = await _client.PushImageAsync(repository, "latest");

        using HttpResponseMessage byTag = await _client.GetAsync($"/v2/{repository}/manifests/latest");
        using HttpResponseMessage old = await _client.GetAsync($"/v2/{repository}/manifests/{first.Digest}");

        Assert.Equal(second.Digest, byTag.Header("Docker-Content-Digest"));
        Assert.Equal(second.Content, await byTag.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Fact]
    public async Task PutManifest_SameContentTwice_IsIdempotent()
    {
        string repository = Names.Unique("push");
        PushedManifest pushed = await _client.PushImageAsync(repository, "a");

        using HttpResponseMessage again = await _client.PutManifestAsync(repository, "a", pushed.Content, pushed.MediaType);
        using HttpResponseMessage another = await _client.PutManifestAsync(repository, "b", pushed.Content, pushed.MediaType);

        await OciAssert.SuccessAsync(again, HttpStatusCode.Created);
        await OciAssert.SuccessAsync(another, HttpStatusCode.Created);
        Assert.Equal(pushed.Digest, another.Header("Docker-Content-Digest"));
    }

    [Fact]
    public async Task PutManifest_ContentTypeWithParameters_IsAccepted()
    {
        string repository = Names.Unique("push");
        (byte[] content, _) = await PrepareAsync(repository, Kind.OciImage);

        using HttpResponseMessage put = await _client.PutManifestAsync(repository, "params", content, MediaTypes.OciManifest + "; charset=utf-8");

        await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v1.2.3")]
    [InlineData("_underscore")]
    [InlineData("UPPER-lower_1.0")]
    [InlineData("a")]
    public async Task PutManifest_WithValidTag_Returns201(string tag)
    {
        string repository = Names.Unique("push");

        await _client.PushImageAsync(repository, tag);
        using HttpResponseMessage get = await _client.HeadAsync($"/v2/{repository}/manifests/{tag}");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task PutManifest_WithLongestValidTag_Returns201()
    {
        string repository = Names.Unique("push");
        string tag = "t" + new string('x', 127);

        await _client.PushImageAsync(repository, tag);
        using HttpResponseMessage get = await _client.HeadAsync($"/v2/{repository}/manifests/{tag}");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }
}
