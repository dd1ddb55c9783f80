using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;
using Registry.Storage.Blobs.S3;
using Registry.Tests.Support;

namespace Registry.Tests.Api;

/// <summary>
/// Which storage the API suite runs against: the embedded defaults (filesystem + SQLite), or, with
/// <c>REGISTRY_TEST_BACKEND=postgres-s3</c>, PostgreSQL metadata and S3 blobs — one database and one bucket per
/// factory. test.sh runs the suite both ways; for the second pass it starts PostgreSQL and s3rver itself
/// (<c>.ci/backends</c>) and passes <c>REGISTRY_TEST_POSTGRES</c> and <c>REGISTRY_TEST_S3_URL</c>. Without those, the
/// servers are started in this process on first use (for a developer running the pass by hand).
/// </summary>
public static class ApiBackend
{
    private const string S3rverKey = "S3RVER";
    private static readonly Lazy<Task<(string AdminConnectionString, string S3Url)>> Servers = new(FindOrStartServersAsync);

    public static bool IsPostgresS3 { get; } =
        string.Equals(Environment.GetEnvironmentVariable("REGISTRY_TEST_BACKEND"), "postgres-s3", StringComparison.OrdinalIgnoreCase);

    /// <summary>Settings for one fresh PostgreSQL database and S3 bucket.</summary>
    public static async Task<(string ConnectionString, S3BlobStoreOptions S3)> CreatePostgresS3Async()
    {
        (string admin, string s3Url) = await Servers.Value;
        string database = "registry_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var options = new S3BlobStoreOptions
        {
            ServiceUrl = s3Url,
            Bucket = "t" + Guid.NewGuid().ToString("N")[..20],
            Prefix = "registry",
            ForcePathStyle = true,
            AccessKey = S3rverKey,
            SecretKey = S3rverKey,
        };
        using AmazonS3Client client = CreateClient(options);
        await client.PutBucketAsync(new PutBucketRequest { BucketName = options.Bucket });
        string connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = true, MaxPoolSize = 30 }.ConnectionString;
        return (connectionString, options);
    }

    public static AmazonS3Client CreateClient(S3BlobStoreOptions options) => new(new BasicAWSCredentials(options.AccessKey, options.SecretKey), new AmazonS3Config
    {
        ServiceURL = options.ServiceUrl,
        AuthenticationRegion = "us-east-1",
        ForcePathStyle = true,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    private static async Task<(string, string)> FindOrStartServersAsync()
    {
        string? postgres = Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES");
        string? s3Url = Environment.GetEnvironmentVariable("REGISTRY_TEST_S3_URL");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(s3Url))
        {
            return (postgres, s3Url);
        }

        var postgresServer = new PostgresServer();
        var s3Server = new S3Server();
        await Task.WhenAll(postgresServer.InitializeAsync(), s3Server.InitializeAsync());
        // The PostgreSQL server is the process's shared one (it stops itself at exit); s3rver is this pass's own.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => s3Server.StopAtExit();
        return (postgresServer.AdminConnectionString, s3Server.ServiceUrl);
    }
}
