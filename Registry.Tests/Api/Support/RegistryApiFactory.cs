using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Registry.Storage.Blobs.S3;

namespace Registry.Tests.Api;

/// <summary>
/// The registry in memory (TestServer) on fresh storage: a temporary data directory (deleted when the factory is
/// disposed) and, when the suite runs with <see cref="ApiBackend.IsPostgresS3"/>, a fresh PostgreSQL database and
/// S3 bucket. Used as a class fixture: tests of one class share it and keep apart by using unique repository names.
/// </summary>
public sealed class RegistryApiFactory : WebApplicationFactory<Program>
{
    private readonly string? _postgres;
    private readonly S3BlobStoreOptions? _s3;

    public RegistryApiFactory()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "registry-apitests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataPath);
        if (ApiBackend.IsPostgresS3)
        {
            (_postgres, _s3) = ApiBackend.CreatePostgresS3Async().GetAwaiter().GetResult();
        }
    }

    /// <summary>The <c>Registry:Storage:Path</c> this instance serves from.</summary>
    public string DataPath { get; }

    /// <summary>The password of the <c>admin</c> account this registry starts with.</summary>
    public const string AdminPassword = "api-tests-admin-password";

    /// <summary>
    /// A client that authenticates as <c>admin</c> (Basic credentials on every request) and does not follow
    /// redirects, so Location headers can be asserted.
    /// </summary>
    public HttpClient CreateRegistryClient() => CreateClientFor("admin", AdminPassword);

    /// <summary>A client that sends Basic credentials of the given account (a user's password or a CI token) on every request.</summary>
    public HttpClient CreateClientFor(string name, string password)
    {
        HttpClient client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(name + ":" + password)));
        return client;
    }

    /// <summary>A client that sends no credentials and does not follow redirects.</summary>
    public HttpClient CreateAnonymousClient()
        => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>How many blobs the content-addressed store holds: files below <c>&lt;data&gt;/blobs</c>, or objects below <c>&lt;prefix&gt;/blobs/</c>.</summary>
    public int CountBlobFiles() => StoredBlobs().Count;

    /// <summary>Every stored blob's digest (<c>alg:hex</c>) and size in bytes: file lengths, or object sizes on S3.</summary>
    public IReadOnlyDictionary<string, long> StoredBlobSizes()
        => StoredBlobs().ToDictionary(e => e.Key[..e.Key.IndexOf('/')] + ":" + e.Key[(e.Key.LastIndexOf('/') + 1)..], e => e.Value);

    /// <summary>Whether the store holds the blob under its content address.</summary>
    public bool HasStoredBlob(string digest)
    {
        string algorithm = digest[..digest.IndexOf(':')];
        string hex = digest[(digest.IndexOf(':') + 1)..];
        return StoredBlobs().ContainsKey($"{algorithm}/{hex[..2]}/{hex}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Registry:Storage:Path", DataPath);
        builder.UseSetting("Registry:Auth:AdminPassword", AdminPassword);
        if (_s3 is not null)
        {
            builder.UseSetting("Registry:Metadata:Provider", "postgres");
            builder.UseSetting("Registry:Metadata:ConnectionString", _postgres);
            builder.UseSetting("Registry:Storage:Provider", "s3");
            builder.UseSetting("Registry:Storage:S3:ServiceUrl", _s3.ServiceUrl);
            builder.UseSetting("Registry:Storage:S3:Bucket", _s3.Bucket);
            builder.UseSetting("Registry:Storage:S3:Prefix", _s3.Prefix);
            builder.UseSetting("Registry:Storage:S3:ForcePathStyle", "true");
            builder.UseSetting("Registry:Storage:S3:AccessKey", _s3.AccessKey);
            builder.UseSetting("Registry:Storage:S3:SecretKey", _s3.SecretKey);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Warning);
        });
    }

    /// <summary>Keys relative to the blob root, as <c>&lt;alg&gt;/&lt;2 hex&gt;/&lt;hex&gt;</c>, with their sizes.</summary>
    private Dictionary<string, long> StoredBlobs()
    {
        if (_s3 is null)
        {
            string root = Path.Combine(DataPath, "blobs");
            return Directory.Exists(root)
                ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => new FileInfo(f).Length)
                : [];
        }

        string prefix = _s3.Prefix + "/blobs/";
        using AmazonS3Client client = ApiBackend.CreateClient(_s3);
        var keys = new Dictionary<string, long>();
        var request = new ListObjectsV2Request { BucketName = _s3.Bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = client.ListObjectsV2Async(request).GetAwaiter().GetResult();
            foreach (S3Object item in response.S3Objects ?? [])
            {
                keys[item.Key[prefix.Length..]] = item.Size ?? 0;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return keys;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataPath, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a pooled connection; the temp directory is best-effort cleanup.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
