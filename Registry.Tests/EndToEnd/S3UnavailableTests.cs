using System.Net;
using System.Text.Json;
using Registry.Storage.Blobs.S3;
using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A registry pointed at an S3 bucket it cannot use starts, says why in its log, is not ready (/readyz 503 with the
/// reason), and answers a push with 503 UNAVAILABLE naming the bucket, not 500.
/// </summary>
public sealed class S3UnavailableTests : IAsyncLifetime
{
    private readonly S3Server _s3 = new();

    public Task InitializeAsync() => _s3.InitializeAsync();

    public Task DisposeAsync() => _s3.DisposeAsync();

    [Fact]
    public async Task MissingBucket_LoggedAtStartUp_ReadyzIs503WithTheReason_AndAPushIs503Unavailable()
    {
        S3BlobStoreOptions existing = await _s3.CreateBucketAsync();
        string missing = "missing-" + Guid.NewGuid().ToString("N")[..10];
        await using RegistryProcess registry = await StartAsync(existing, bucket: missing);

        await AssertUnusableAsync(registry, missing, "does not exist (NoSuchBucket)");
    }

    [Fact]
    public async Task RefusedCredentials_LoggedAtStartUp_ReadyzIs503WithTheReason_AndAPushIs503Unavailable()
    {
        S3BlobStoreOptions bucket = await _s3.CreateBucketAsync();
        await using RegistryProcess registry = await StartAsync(bucket, accessKey: "NOT-A-KEY", secretKey: "not-the-secret");

        await AssertUnusableAsync(registry, bucket.Bucket, "refuses the credentials (InvalidAccessKeyId");
    }

    private static Task<RegistryProcess> StartAsync(S3BlobStoreOptions s3, string? bucket = null, string? accessKey = null, string? secretKey = null)
        => RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["Registry__Storage__Provider"] = "s3",
            ["Registry__Storage__S3__ServiceUrl"] = s3.ServiceUrl!,
            ["Registry__Storage__S3__Bucket"] = bucket ?? s3.Bucket,
            ["Registry__Storage__S3__Prefix"] = s3.Prefix,
            ["Registry__Storage__S3__ForcePathStyle"] = "true",
            ["Registry__Storage__S3__AccessKey"] = accessKey ?? s3.AccessKey!,
            ["Registry__Storage__S3__SecretKey"] = secretKey ?? s3.SecretKey!,
        });

    private async Task AssertUnusableAsync(RegistryProcess registry, string bucket, string reason)
    {
        string where = $"S3 bucket '{bucket}' at {_s3.ServiceUrl}";
        using HttpClient client = registry.CreateClient();

        using HttpResponseMessage ready = await client.GetAsync("/readyz");
        string readyBody = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using (JsonDocument json = JsonDocument.Parse(readyBody))
        {
            JsonElement blobs = json.RootElement.GetProperty("checks").GetProperty("blobs");
            Assert.Equal("failed", blobs.GetProperty("status").GetString());
            Assert.Contains($"{where} {reason}", blobs.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal("ok", json.RootElement.GetProperty("checks").GetProperty("metadata").GetProperty("status").GetString());
        }

        Assert.Contains($"Blob storage cannot be used: {where} {reason}", registry.RecentOutput(), StringComparison.Ordinal);

        byte[] content = Digests.RandomBytes(1000);
        using HttpResponseMessage start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        using var body = new ByteArrayContent(content);
        using HttpResponseMessage monolithic = await client.PostAsync($"/v2/team/app/blobs/uploads/?digest={Digests.Sha256(content)}", body);
        foreach (HttpResponseMessage push in new[] { start, monolithic })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, push.StatusCode);
            using JsonDocument error = JsonDocument.Parse(await push.Content.ReadAsStringAsync());
            JsonElement first = error.RootElement.GetProperty("errors")[0];
            Assert.Equal("UNAVAILABLE", first.GetProperty("code").GetString());
            Assert.Contains(where, first.GetProperty("detail").ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("not-the-secret", registry.RecentOutput(), StringComparison.Ordinal);
    }
}
