using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Benchmarks;

/// <summary>The SQLite metadata queries behind tag lists and manifest GETs, on a repository with 10,000 tags.</summary>
[MemoryDiagnoser]
public class MetadataBenchmarks
{
    private static readonly RepositoryName Repository = RepositoryName.Parse("bench/tags");
    private string _directory = string.Empty;
    private SqliteMetadataStore _store = null!;
    private Digest _manifest;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("registry-bench-meta-").FullName;
        var options = Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "r.db")}" });
        _store = new SqliteMetadataStore(new SqliteConnectionFactory(options), TimeProvider.System);
        _store.MigrateAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Digest config = Digest.Compute(DigestAlgorithm.Sha256, "config"u8);
        _store.LinkBlobAsync(Repository, new BlobInfo(config, 10), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _manifest = Digest.Compute(DigestAlgorithm.Sha256, "manifest"u8);
        var write = new ManifestWrite(_manifest, MediaTypes.OciImageManifest, 300, null, null, null, [new ManifestDependency(config, 10, DependencyKind.Blob)]);
        Task.WhenAll(Enumerable.Range(0, 10_000).Select(i =>
            _store.PutManifestAsync(Repository, write, TagName.Parse($"t{i:D5}"), CancellationToken.None).AsTask())).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task<int> ListAll10kTags() => (await _store.ListTagsAsync(Repository, null, null, CancellationToken.None)).Tags.Count;

    [Benchmark]
    public async Task<int> ListPageOf100() => (await _store.ListTagsAsync(Repository, "t05000", 100, CancellationToken.None)).Tags.Count;

    [Benchmark]
    public async Task<long> ResolveTag() => (await _store.ResolveTagAsync(Repository, TagName.Parse("t04242"), CancellationToken.None))!.Size;

    [Benchmark]
    public async Task<long> GetManifestByDigest() => (await _store.GetManifestAsync(Repository, _manifest, CancellationToken.None))!.Size;
}
