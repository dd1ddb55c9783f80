using System.Net;
using System.Text.Json;

namespace Registry.Tests.Api;

/// <summary><c>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt;</c> (OCI distribution spec 1.1, "Listing Referrers").</summary>
public sealed class ReferrersTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private const string SignatureType = "application/vnd.example.signature.v1";
    private const string SbomType = "application/vnd.example.sbom.v1";

    private readonly HttpClient _client = factory.CreateRegistryClient();

    private sealed record Referrer(string MediaType, string Digest, long Size, string? ArtifactType, Dictionary<string, string>? Annotations);

    private async Task<(HttpResponseMessage Response, List<Referrer> Referrers)> GetReferrersAsync(string url)
    {
        HttpResponseMessage response = await _client.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
        Assert.Equal(MediaTypes.OciIndex, response.ContentType());
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement root = json.RootElement;
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(MediaTypes.OciIndex, root.GetProperty("mediaType").GetString());
        var referrers = new List<Referrer>();
        foreach (JsonElement item in root.GetProperty("manifests").EnumerateArray())
        {
            Dictionary<string, string>? annotations = item.TryGetProperty("annotations", out JsonElement a)
                ? a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
                : null;
            referrers.Add(new Referrer(
                item.GetProperty("mediaType").GetString()!,
                item.GetProperty("digest").GetString()!,
                item.GetProperty("size").GetInt64(),
                item.TryGetProperty("artifactType", out JsonElement t) ? t.GetString() : null,
                annotations));
        }

        return (response, referrers);
    }

    [Fact]
    public async Task Referrers_ListsManifestsWithThatSubject_WithArtifactTypeAndAnnotations()
    {
        string repository = Names.Unique("referrers");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");
        PushedManifest unrelated = await _client.PushImageAsync(repository, "v2");
        var signatureAnnotations = new Dictionary<string, string> { ["org.example.signer"] = "alice", ["org.opencontainers.image.created"] = "2024-01-01T00:00:00Z" };
        PushedManifest signature = await _client.PushArtifactAsync(repository, SignatureType, image.Descriptor, signatureAnnotations);
        PushedManifest sbom = await _client.PushArtifactAsync(repository, SbomType, image.Descriptor);
        await _client.PushArtifactAsync(repository, SignatureType, unrelated.Descriptor);

        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync($"/v2/{repository}/referrers/{image.Digest}");
        using (response)
        {
            Assert.Null(response.Header("OCI-Filters-Applied"));
        }

        Assert.Equal(2, referrers.Count);
        Referrer sig = Assert.Single(referrers, r => r.Digest == signature.Digest);
        Assert.Equal(MediaTypes.OciManifest, sig.MediaType);
        Assert.Equal(signature.Content.Length, sig.Size);
        Assert.Equal(SignatureType, sig.ArtifactType);
        Assert.Equal(signatureAnnotations, sig.Annotations);
        Referrer bom = Assert.Single(referrers, r => r.Digest == sbom.Digest);
        Assert.Equal(SbomType, bom.ArtifactType);
        Assert.Equal(sbom.Content.Length, bom.Size);
    }

    [Fact]
    public async Task Referrers_ImageManifestWithoutArtifactType_ReportsConfigMediaTypeAsArtifactType()
    {
        string repository = Names.Unique("referrers");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");
        byte[] config = """{"kind":"attestation"}"""u8.ToArray();
        await _client.PushBlobAsync(repository, config);
        byte[] manifest = Manifests.OciImage(Descriptor.For("application/vnd.example.attestation.config+json", config), [], subject: image.Descriptor);
        PushedManifest referrer = await _client.PushManifestAsync(repository, manifest, MediaTypes.OciManifest);

        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync($"/v2/{repository}/referrers/{image.Digest}");
        response.Dispose();

        Referrer only = Assert.Single(referrers);
        Assert.Equal(referrer.Digest, only.Digest);
        Assert.Equal("application/vnd.example.attestation.config+json", only.ArtifactType);
    }

    [Fact]
    public async Task Referrers_IndexWithSubject_IsListedWithItsArtifactType()
    {
        string repository = Names.Unique("referrers");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");
        PushedManifest child = await _client.PushImageAsync(repository);
        byte[] index = Manifests.OciIndex([child.Descriptor], subject: image.Descriptor, artifactType: "application/vnd.example.bundle");
        PushedManifest referrer = await _client.PushManifestAsync(repository, index, MediaTypes.OciIndex);

        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync($"/v2/{repository}/referrers/{image.Digest}");
        response.Dispose();

        Referrer only = Assert.Single(referrers);
        Assert.Equal(referrer.Digest, only.Digest);
        Assert.Equal(MediaTypes.OciIndex, only.MediaType);
        Assert.Equal("application/vnd.example.bundle", only.ArtifactType);
    }

    [Fact]
    public async Task Referrers_WithArtifactTypeFilter_ReturnsOnlyThatTypeAndSetsFiltersAppliedHeader()
    {
        string repository = Names.Unique("referrers");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");
        PushedManifest signature = await _client.PushArtifactAsync(repository, SignatureType, image.Descriptor);
        await _client.PushArtifactAsync(repository, SbomType, image.Descriptor);

        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync(
            $"/v2/{repository}/referrers/{image.Digest}?artifactType={Uri.EscapeDataString(SignatureType)}");
        using (response)
        {
            Assert.Equal("artifactType", response.Header("OCI-Filters-Applied"));
        }

        Referrer only = Assert.Single(referrers);
        Assert.Equal(signature.Digest, only.Digest);
        Assert.Equal(SignatureType, only.ArtifactType);
    }

    [Fact]
    public async Task Referrers_WithFilterMatchingNothing_ReturnsEmptyIndexWithFiltersAppliedHeader()
    {
        string repository = Names.Unique("referrers");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");
        await _client.PushArtifactAsync(repository, SignatureType, image.Descriptor);

        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync(
            $"/v2/{repository}/referrers/{image.Digest}?artifactType=application%2Fvnd.example.none");
        using (response)
        {
            Assert.Equal("artifactType", response.Header("OCI-Filters-Applied"));
        }

        Assert.Empty(referrers);
    }

    [Fact]
    public async Task Referrers_FilterByConfigMediaType_MatchesImageManifestsWithoutArtifactType()
    {
        string repository = Names.Unique("referrers");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");
        byte[] config = """{"kind":"provenance"}"""u8.ToArray();
        await _client.PushBlobAsync(repository, config);
        byte[] manifest = Manifests.OciImage(Descriptor.For("application/vnd.example.provenance.config+json", config), [], subject: image.Descriptor);
        PushedManifest referrer = await _client.PushManifestAsync(repository, manifest, MediaTypes.OciManifest);
        await _client.PushArtifactAsync(repository, SignatureType, image.Descriptor);

        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync(
            $"/v2/{repository}/referrers/{image.Digest}?artifactType={Uri.EscapeDataString("application/vnd.example.provenance.config+json")}");
        response.Dispose();

        Assert.Equal(referrer.Digest, Assert.Single(referrers).Digest);
    }

    [Fact]
    public async Task Referrers_WithEmptyArtifactTypeParameter_IsUnfiltered()
    {
        string repository = Names.Unique("referrers");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");
        await _client.PushArtifactAsync(repository, SignatureType, image.Descriptor);
        await _client.PushArtifactAsync(repository, SbomType, image.Descriptor);

        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync($"/v2/{repository}/referrers/{image.Digest}?artifactType=");
        using (response)
        {
            Assert.Null(response.Header("OCI-Filters-Applied"));
        }

        Assert.Equal(2, referrers.Count);
    }

    [Fact]
    public async Task Referrers_UnknownSubject_Returns200EmptyIndex()
    {
        string repository = Names.Unique("referrers");
        await _client.PushImageAsync(repository, "v1");

        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync($"/v2/{repository}/referrers/{Digests.RandomSha256()}");
        response.Dispose();

        Assert.Empty(referrers);
    }

    [Fact]
    public async Task Referrers_InUnknownRepository_Returns200EmptyIndexNot404()
    {
        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync($"/v2/{Names.Unique("referrers")}/referrers/{Digests.RandomSha256()}");
        response.Dispose();

        Assert.Empty(referrers);
    }

    [Fact]
    public async Task Referrers_SubjectPushedAfterItsReferrer_ListsTheReferrer()
    {
        string repository = Names.Unique("referrers");
        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(20);
        await _client.PushBlobAsync(repository, config);
        await _client.PushBlobAsync(repository, layer);
        byte[] image = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]);
        Descriptor subject = Descriptor.For(MediaTypes.OciManifest, image);

        PushedManifest early = await _client.PushArtifactAsync(repository, SignatureType, subject);
        await _client.PushManifestAsync(repository, image, MediaTypes.OciManifest);
        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync($"/v2/{repository}/referrers/{subject.Digest}");
        response.Dispose();

        Assert.Equal(early.Digest, Assert.Single(referrers).Digest);
    }

    [Fact]
    public async Task Referrers_AfterReferrerDeleted_NoLongerListsIt()
    {
        string repository = Names.Unique("referrers");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");
        PushedManifest signature = await _client.PushArtifactAsync(repository, SignatureType, image.Descriptor);
        PushedManifest sbom = await _client.PushArtifactAsync(repository, SbomType, image.Descriptor);

        using HttpResponseMessage deleted = await _client.DeleteAsync($"/v2/{repository}/manifests/{signature.Digest}");
        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync($"/v2/{repository}/referrers/{image.Digest}");
        response.Dispose();

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(sbom.Digest, Assert.Single(referrers).Digest);
    }

    [Fact]
    public async Task Referrers_InAnotherRepository_AreNotListed()
    {
        string repository = Names.Unique("referrers");
        string other = Names.Unique("referrers");
        PushedManifest image = await _client.PushImageAsync(repository, "v1");
        await _client.PushArtifactAsync(other, SignatureType, image.Descriptor);

        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync($"/v2/{repository}/referrers/{image.Digest}");
        response.Dispose();

        Assert.Empty(referrers);
    }

    [Fact]
    public async Task Referrers_OfSha512Subject_AreListed()
    {
        string repository = Names.Unique("referrers");
        byte[] config = Manifests.Config();
        await _client.PushBlobAsync(repository, config);
        byte[] image = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), []);
        string subjectDigest = Digests.Sha512(image);
        using HttpResponseMessage put = await _client.PutManifestAsync(repository, subjectDigest, image, MediaTypes.OciManifest);
        PushedManifest signature = await _client.PushArtifactAsync(repository, SignatureType, new Descriptor(MediaTypes.OciManifest, subjectDigest, image.Length));

        (HttpResponseMessage response, List<Referrer> referrers) = await GetReferrersAsync($"/v2/{repository}/referrers/{subjectDigest}");
        response.Dispose();

        await OciAssert.SuccessAsync(put, HttpStatusCode.Created);
        Assert.Equal(signature.Digest, Assert.Single(referrers).Digest);
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("latest")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    public async Task Referrers_WithInvalidDigest_Returns400DigestInvalid(string digest)
    {
        using HttpResponseMessage response = await _client.GetAsync($"/v2/{Names.Unique("referrers")}/referrers/{digest}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }
}
