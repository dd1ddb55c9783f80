using BenchmarkDotNet.Attributes;
using Registry.Api.Oci;

namespace Registry.Benchmarks;

/// <summary>Recognising the endpoint of a /v2 path, which every registry request goes through.</summary>
[MemoryDiagnoser]
public class RouteBenchmarks
{
    [Benchmark]
    public string ManifestByTag() => OciRouteParser.Parse("platform/base/java/manifests/17.0.12").Argument;

    [Benchmark]
    public string BlobByDigest() => OciRouteParser.Parse("platform/base/java/blobs/sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a").Argument;

    [Benchmark]
    public string UploadSession() => OciRouteParser.Parse("platform/base/java/blobs/uploads/0123456789abcdef0123456789abcdef").Argument;
}
