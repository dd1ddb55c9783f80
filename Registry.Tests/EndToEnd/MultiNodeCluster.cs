using Amazon.S3;
using Amazon.S3.Model;
using Registry.Storage.Blobs.S3;
using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Three registry processes on their own ports and data directories, sharing one PostgreSQL database and one S3
/// bucket (s3rver): the fleet shape, with nothing shared but the two stores. Subclasses may start another number
/// of nodes with extra settings.
/// </summary>
public class MultiNodeCluster : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();
    private readonly S3Server _s3 = new();
    private readonly List<RegistryProcess> _nodes = [];

    internal IReadOnlyList<RegistryProcess> Nodes => _nodes;

    public S3BlobStoreOptions Bucket { get; private set; } = new();

    /// <summary>How many nodes to start.</summary>
    protected virtual int NodeCount => 3;

    /// <summary>Settings every node gets besides the shared stores'.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_postgres.InitializeAsync(), _s3.InitializeAsync());
        string database = await _postgres.CreateDatabaseAsync(maxPoolSize: 30);
        Bucket = await _s3.CreateBucketAsync();
        var environment = new Dictionary<string, string>
        {
            ["Registry__Metadata__Provider"] = "postgres",
            ["Registry__Metadata__ConnectionString"] = database,
            ["Registry__Storage__Provider"] = "s3",
            ["Registry__Storage__S3__ServiceUrl"] = Bucket.ServiceUrl!,
            ["Registry__Storage__S3__Bucket"] = Bucket.Bucket,
            ["Registry__Storage__S3__Prefix"] = Bucket.Prefix,
            ["Registry__Storage__S3__ForcePathStyle"] = "true",
            ["Registry__Storage__S3__AccessKey"] = Bucket.AccessKey!,
            ["Registry__Storage__S3__SecretKey"] = Bucket.SecretKey!,
        };
        foreach ((string key, string value) in Settings)
        {
            environment[key] = value;
        }

        // Started one after another: all apply migrations under the advisory lock, only the first does work.
        foreach (int _ in Enumerable.Range(0, NodeCount))
        {
            _nodes.Add(await RegistryProcess.StartAsync(environment));
        }
    }

    /// <summary>Every object key in the bucket below the registry's prefix, relative to it.</summary>
    public async Task<IReadOnlyList<string>> ObjectKeysAsync()
    {
        using AmazonS3Client client = _s3.CreateClient();
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket.Bucket, Prefix = Bucket.Prefix + "/" };
        ListObjectsV2Response response;
        do
        {
            response = await client.ListObjectsV2Async(request);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key[(Bucket.Prefix.Length + 1)..]));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return keys;
    }

    public async Task<IReadOnlySet<string>> BlobDigestsAsync()
        => (await ObjectKeysAsync()).Where(k => k.StartsWith("blobs/", StringComparison.Ordinal))
            .Select(k => k.Split('/') is [_, string algorithm, _, string hex] ? $"{algorithm}:{hex}" : k)
            .ToHashSet(StringComparer.Ordinal);

    public async Task DisposeAsync()
    {
        foreach (RegistryProcess node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _s3.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
