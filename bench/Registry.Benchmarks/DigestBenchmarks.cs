using BenchmarkDotNet.Attributes;
using Registry.Core.Primitives;

namespace Registry.Benchmarks;

/// <summary>Parsing the digests every blob and manifest request carries.</summary>
[MemoryDiagnoser]
public class DigestBenchmarks
{
    private readonly string _sha256 = Digest.Compute(DigestAlgorithm.Sha256, "benchmark"u8).Value;
    private readonly string _sha512 = Digest.Compute(DigestAlgorithm.Sha512, "benchmark"u8).Value;

    [Benchmark]
    public bool ParseSha256() => Digest.TryParse(_sha256, out _);

    [Benchmark]
    public bool ParseSha512() => Digest.TryParse(_sha512, out _);

    [Benchmark]
    public bool ParseRepositoryName() => RepositoryName.TryParse("platform/base/java-runtime", out _);
}
