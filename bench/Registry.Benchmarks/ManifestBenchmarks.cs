using System.Text;
using BenchmarkDotNet.Attributes;
using Registry.Core.Manifests;
using Registry.Core.Primitives;

namespace Registry.Benchmarks;

/// <summary>Parsing and validating manifests, as every manifest PUT does.</summary>
[MemoryDiagnoser]
public class ManifestBenchmarks
{
    private byte[] _image = [];
    private byte[] _index = [];

    [GlobalSetup]
    public void Setup()
    {
        string Layer(int i) => $$"""{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{Digest.Compute(DigestAlgorithm.Sha256, BitConverter.GetBytes(i)).Value}}","size":{{1000 + i}}}""";
        string config = Digest.Compute(DigestAlgorithm.Sha256, "config"u8).Value;
        _image = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{MediaTypes.OciImageManifest}}",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{config}}","size":1234},
             "layers":[{{string.Join(",", Enumerable.Range(0, 10).Select(Layer))}}],
             "annotations":{"org.opencontainers.image.created":"2026-11-21T00:00:00Z"} }
            """);
        string Child(int i) => $$"""{"mediaType":"{{MediaTypes.OciImageManifest}}","digest":"{{Digest.Compute(DigestAlgorithm.Sha256, BitConverter.GetBytes(i)).Value}}","size":500,"platform":{"os":"linux","architecture":"arch{{i}}"} }""";
        _index = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciImageIndex}}","manifests":[{{string.Join(",", Enumerable.Range(0, 6).Select(Child))}}]}""");
    }

    [Benchmark]
    public ParsedManifest? ParseImageManifest10Layers() => ManifestParser.Parse(_image, MediaTypes.OciImageManifest).Manifest;

    [Benchmark]
    public ParsedManifest? ParseIndex6Platforms() => ManifestParser.Parse(_index, MediaTypes.OciImageIndex).Manifest;

    [Benchmark]
    public Digest DigestOfManifest() => Digest.Compute(DigestAlgorithm.Sha256, _image);
}
