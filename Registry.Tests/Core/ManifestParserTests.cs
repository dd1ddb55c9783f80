using System.Text;
using Registry.Core.Manifests;
using Registry.Core.Primitives;

namespace Registry.Tests.Core;

public sealed class ManifestParserTests
{
    private static readonly string ConfigDigest = Digest.Compute(DigestAlgorithm.Sha256, "config"u8).Value;
    private static readonly string LayerDigest = Digest.Compute(DigestAlgorithm.Sha256, "layer"u8).Value;

    private static string ImageManifest(string mediaTypeField = $"\"mediaType\":\"{MediaTypes.OciImageManifest}\",", string extra = "")
        => $$"""
           {"schemaVersion":2,{{mediaTypeField}}
            "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{ConfigDigest}}","size":6},
            "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{LayerDigest}}","size":5}]{{extra}}}
           """;

    private static ManifestParseResult Parse(string json, string? contentType = null)
        => ManifestParser.Parse(Encoding.UTF8.GetBytes(json), contentType);

    [Fact]
    public void OciImageManifest_ListsConfigAndLayersAsDependencies()
    {
        ParsedManifest manifest = Parse(ImageManifest(), MediaTypes.OciImageManifest).Manifest!;
        Assert.Equal(ManifestKind.Image, manifest.Kind);
        Assert.Equal(MediaTypes.OciImageManifest, manifest.MediaType);
        Assert.Equal([ConfigDigest, LayerDigest], manifest.Dependencies().Select(d => d.Digest.Value));
        Assert.All(manifest.Dependencies(), d => Assert.Equal(DependencyKind.Blob, d.Kind));
    }

    [Fact]
    public void Manifest_WithoutMediaTypeField_TakesContentType()
    {
        ParsedManifest manifest = Parse(ImageManifest(mediaTypeField: string.Empty), MediaTypes.DockerManifest).Manifest!;
        Assert.Equal(MediaTypes.DockerManifest, manifest.MediaType);
    }

    [Fact]
    public void Manifest_WithoutMediaTypeOrContentType_IsInferredFromShape()
        => Assert.Equal(MediaTypes.OciImageManifest, Parse(ImageManifest(mediaTypeField: string.Empty)).Manifest!.MediaType);

    [Fact]
    public void Manifest_ContentTypeDisagreeingWithMediaType_IsInvalid()
        => Assert.Contains("does not match", Parse(ImageManifest(), MediaTypes.DockerManifest).Error);

    [Fact]
    public void Manifest_GenericJsonContentType_DefersToBody()
        => Assert.NotNull(Parse(ImageManifest(), "application/json; charset=utf-8").Manifest);

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("{\"schemaVersion\":1}")]
    [InlineData("{\"schemaVersion\":\"2\"}")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"text/plain\"}")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":{}}")]
    public void Malformed_IsInvalid(string json) => Assert.NotNull(Parse(json).Error);

    [Theory]
    [InlineData("\"digest\":\"sha256:nothex\",\"size\":6")]
    [InlineData("\"digest\":\"" + "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" + "\",\"size\":-1")]
    [InlineData("\"digest\":\"" + "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" + "\",\"size\":\"2\"")]
    public void BadDescriptor_IsInvalid(string fields)
    {
        string json = $$"""{"schemaVersion":2,"config":{"mediaType":"a/b",{{fields}}},"layers":[]}""";
        Assert.NotNull(Parse(json).Error);
    }

    [Fact]
    public void LayerWithUrls_IsNotADependency()
    {
        string json = $$"""
            {"schemaVersion":2,"mediaType":"{{MediaTypes.OciImageManifest}}",
             "config":{"mediaType":"a/b","digest":"{{ConfigDigest}}","size":6},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip","digest":"{{LayerDigest}}","size":5,"urls":["https://example.com/layer"]}]}
            """;
        Assert.Equal([ConfigDigest], Parse(json).Manifest!.Dependencies().Select(d => d.Digest.Value));
    }

    [Fact]
    public void Index_ListsChildManifestsWithPlatforms()
    {
        string json = $$"""
            {"schemaVersion":2,"mediaType":"{{MediaTypes.OciImageIndex}}","manifests":[
              {"mediaType":"{{MediaTypes.OciImageManifest}}","digest":"{{ConfigDigest}}","size":10,"platform":{"os":"linux","architecture":"arm64","variant":"v8"} } ] }
            """;
        ParsedManifest manifest = Parse(json).Manifest!;
        Assert.Equal(ManifestKind.Index, manifest.Kind);
        Assert.Equal("linux/arm64/v8", manifest.Manifests.Single().Platform!.ToString());
        Assert.Equal(DependencyKind.Manifest, manifest.Dependencies().Single().Kind);
    }

    [Fact]
    public void ArtifactType_DefaultsToConfigMediaType_ForImageManifests()
    {
        Assert.Equal("application/vnd.oci.image.config.v1+json", Parse(ImageManifest()).Manifest!.EffectiveArtifactType);
        string withArtifact = ImageManifest(extra: ",\"artifactType\":\"application/vnd.example.sbom\"");
        Assert.Equal("application/vnd.example.sbom", Parse(withArtifact).Manifest!.EffectiveArtifactType);
    }

    [Fact]
    public void Subject_AndAnnotations_AreKept()
    {
        string subject = $"\"subject\":{{\"mediaType\":\"{MediaTypes.OciImageManifest}\",\"digest\":\"{LayerDigest}\",\"size\":5}}";
        string json = ImageManifest(extra: "," + subject + ",\"annotations\":{\"org.example\":\"yes\"}");
        ParsedManifest manifest = Parse(json).Manifest!;
        Assert.Equal(LayerDigest, manifest.Subject!.Digest.Value);
        Assert.Equal("{\"org.example\":\"yes\"}", manifest.AnnotationsJson);
    }

    [Fact]
    public void Annotations_WithNonStringValues_AreInvalid()
        => Assert.NotNull(Parse(ImageManifest(extra: ",\"annotations\":{\"a\":1}")).Error);

    [Fact]
    public void InvalidUtf8InAString_IsInvalidNotAnException()
    {
        byte[] json = [.. "{\"schemaVersion\":2,\"mediaType\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.Contains("UTF-8", ManifestParser.Parse(json, null).Error);
    }
}
