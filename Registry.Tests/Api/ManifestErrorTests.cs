using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Registry.Tests.Api;

/// <summary>Manifest pushes the registry must refuse, each with its spec error code.</summary>
public sealed partial class ManifestErrorTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private const int MaxManifestBytes = 4 * 1024 * 1024;

    private readonly HttpClient _client = factory.CreateRegistryClient();

    /// <summary>A repository with a config and a layer uploaded, and a valid manifest for them (not pushed).</summary>
    private async Task<(string Repository, Descriptor Config, Descriptor Layer)> PrepareAsync()
    {
        string repository = Names.Unique("badmanifest");
        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(100);
        await _client.PushBlobAsync(repository, config);
        await _client.PushBlobAsync(repository, layer);
        return (repository, Descriptor.For(MediaTypes.OciConfig, config), Descriptor.For(MediaTypes.OciLayer, layer));
    }

    private async Task AssertTagAbsentAsync(string repository, string tag)
    {
        using HttpResponseMessage response = await _client.HeadAsync($"/v2/{repository}/manifests/{tag}");
        OciAssert.Status(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json at all")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",")]
    [InlineData("")]
    public async Task PutManifest_WithInvalidJson_Returns400ManifestInvalid(string body)
    {
        string repository = Names.Unique("badmanifest");

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "bad", Encoding.UTF8.GetBytes(body), MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
        await AssertTagAbsentAsync(repository, "bad");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task PutManifest_WithJsonThatIsNotAnObject_Returns400ManifestInvalid(string body)
    {
        using HttpResponseMessage response = await _client.PutManifestAsync(Names.Unique("badmanifest"), "bad", Encoding.UTF8.GetBytes(body), MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Theory]
    [InlineData("annotation value")]
    [InlineData("annotation key")]
    [InlineData("manifest mediaType")]
    [InlineData("artifactType")]
    [InlineData("layer mediaType")]
    [InlineData("config digest")]
    [InlineData("unknown field")]
    public async Task PutManifest_WithInvalidUtf8InAString_Returns400ManifestInvalid(string where)
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        const string Marker = "INVALID-UTF8-HERE";
        JsonObject json = JsonNode.Parse(Manifests.OciImage(config, [layer]))!.AsObject();
        switch (where)
        {
            case "annotation value":
                json["annotations"] = new JsonObject { ["a"] = Marker };
                break;
            case "annotation key":
                json["annotations"] = new JsonObject { [Marker] = "a" };
                break;
            case "manifest mediaType":
                json["mediaType"] = Marker;
                break;
            case "artifactType":
                json["artifactType"] = Marker;
                break;
            case "layer mediaType":
                json["layers"]![0]!["mediaType"] = Marker;
                break;
            case "config digest":
                json["config"]!["digest"] = Marker;
                break;
            default:
                json["x-unknown"] = Marker;
                break;
        }

        // JSON text must be UTF-8 (RFC 8259 section 8.1): 0xFF 0xFE is not.
        byte[] text = Manifests.Encode(json);
        int at = text.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Marker));
        byte[] manifest = [.. text[..at], 0xff, 0xfe, .. text[(at + Marker.Length)..]];

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "utf8", manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task PutManifest_WithContentTypeNotMatchingMediaType_Returns400ManifestInvalid()
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        byte[] manifest = Manifests.OciImage(config, [layer]);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "mismatch", manifest, MediaTypes.DockerManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
        await AssertTagAbsentAsync(repository, "mismatch");
    }

    [Fact]
    public async Task PutManifest_WithIndexContentTypeForImageBody_Returns400ManifestInvalid()
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        JsonObject json = JsonNode.Parse(Manifests.OciImage(config, [layer]))!.AsObject();
        json.Remove("mediaType");

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "idx", Manifests.Encode(json), MediaTypes.OciIndex);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task PutManifest_WithUnknownManifestMediaType_Returns400ManifestInvalid()
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        JsonObject json = JsonNode.Parse(Manifests.OciImage(config, [layer]))!.AsObject();
        json["mediaType"] = "application/vnd.example.not-a-manifest+json";

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "odd", Manifests.Encode(json), "application/vnd.example.not-a-manifest+json");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task PutManifest_SchemaVersion1_Returns400ManifestInvalid()
    {
        string repository = Names.Unique("badmanifest");
        byte[] manifest = Encoding.UTF8.GetBytes(
            """{"schemaVersion":1,"name":"x","tag":"latest","architecture":"amd64","fsLayers":[],"history":[],"signatures":[]}""");

        using HttpResponseMessage signed = await _client.PutManifestAsync(repository, "old", manifest, MediaTypes.DockerSchema1Signed);
        using HttpResponseMessage untyped = await _client.PutManifestAsync(repository, "old", manifest, null);

        await OciAssert.ErrorAsync(signed, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
        await OciAssert.ErrorAsync(untyped, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"2\"")]
    [InlineData("2.5")]
    [InlineData("null")]
    public async Task PutManifest_WithBadSchemaVersion_Returns400ManifestInvalid(string schemaVersion)
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        JsonObject json = JsonNode.Parse(Manifests.OciImage(config, [layer]))!.AsObject();
        json["schemaVersion"] = JsonNode.Parse(schemaVersion);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "sv", Manifests.Encode(json), MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Theory]
    [InlineData("config", "\"sha256:abc\"")]
    [InlineData("config", "[]")]
    [InlineData("config", "null")]
    [InlineData("layers", "{}")]
    [InlineData("layers", "\"layer\"")]
    [InlineData("layers", "[1,2]")]
    [InlineData("layers", "[{\"mediaType\":\"x\",\"digest\":\"sha256:abc\",\"size\":1}]")]
    [InlineData("layers", "[{\"mediaType\":\"x\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":\"2\"}]")]
    [InlineData("layers", "[{\"mediaType\":\"x\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":-1}]")]
    [InlineData("layers", "[{\"mediaType\":\"x\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2,\"urls\":\"http://x\"}]")]
    [InlineData("layers", "[{\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}]")]
    [InlineData("mediaType", "7")]
    [InlineData("artifactType", "{}")]
    [InlineData("subject", "\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"")]
    [InlineData("annotations", "[\"a\"]")]
    [InlineData("annotations", "{\"a\":1}")]
    [InlineData("manifests", "[]")]
    public async Task PutManifest_WithWrongFieldType_Returns400ManifestInvalid(string field, string value)
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        JsonObject json = JsonNode.Parse(Manifests.OciImage(config, [layer]))!.AsObject();
        json[field] = JsonNode.Parse(value);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "typed", Manifests.Encode(json), MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
        await AssertTagAbsentAsync(repository, "typed");
    }

    [Theory]
    [InlineData("config")]
    [InlineData("layers")]
    public async Task PutManifest_WithoutRequiredField_Returns400ManifestInvalid(string field)
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        JsonObject json = JsonNode.Parse(Manifests.OciImage(config, [layer]))!.AsObject();
        json.Remove(field);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "partial", Manifests.Encode(json), MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task PutIndex_WithoutManifestsArray_Returns400ManifestInvalid()
    {
        string repository = Names.Unique("badmanifest");
        byte[] index = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciIndex}}"}""");

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "idx", index, MediaTypes.OciIndex);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task PutManifest_LargerThan4MiB_Returns413SizeInvalid()
    {
        string repository = Names.Unique("badmanifest");
        byte[] manifest = PaddedManifest(MaxManifestBytes + 1);

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "huge", manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "SIZE_INVALID");
        await AssertTagAbsentAsync(repository, "huge");
    }

    [Fact]
    public async Task PutManifest_LargerThan4MiB_WithoutContentLength_Returns413SizeInvalid()
    {
        string repository = Names.Unique("badmanifest");
        var request = new HttpRequestMessage(HttpMethod.Put, $"/v2/{repository}/manifests/streamed")
        {
            Content = new UnknownLengthContent(PaddedManifest(MaxManifestBytes + 1000)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", MediaTypes.OciManifest);

        using HttpResponseMessage response = await _client.SendAsync(request);

        await OciAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "SIZE_INVALID");
    }

    [Fact]
    public async Task PutManifest_ExactlyAt4MiB_IsAccepted()
    {
        (string repository, Descriptor config, Descriptor layer) = await PrepareAsync();
        byte[] small = Manifests.OciImage(config, [layer], annotations: new Dictionary<string, string> { ["pad"] = "" });
        byte[] manifest = Manifests.OciImage(config, [layer], annotations: new Dictionary<string, string>
        {
            ["pad"] = new string('x', MaxManifestBytes - small.Length),
        });

        using HttpResponseMessage response = await _client.PutManifestAsync(repository, "big", manifest, MediaTypes.OciManifest);
        using HttpResponseMessage get = await _client.GetAsync($"/v2/{repository}/manifests/big");

        Assert.Equal(MaxManifestBytes, manifest.Length);
        await OciAssert.SuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
    }
}
