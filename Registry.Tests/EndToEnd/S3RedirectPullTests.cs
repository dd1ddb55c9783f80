using System.Net;
using System.Net.Http.Headers;
using Registry.Storage.Blobs.S3;
using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>With <c>Registry:Storage:RedirectPulls</c>, blob GETs on S3 answer 307 to a presigned URL of the object.</summary>
public sealed class S3RedirectPullTests : IAsyncLifetime
{
    private readonly S3Server _s3 = new();
    private RegistryProcess? _registry;

    public async Task InitializeAsync()
    {
        await _s3.InitializeAsync();
        S3BlobStoreOptions bucket = await _s3.CreateBucketAsync();
        _registry = await RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["Registry__Storage__Provider"] = "s3",
            ["Registry__Storage__S3__ServiceUrl"] = bucket.ServiceUrl!,
            ["Registry__Storage__S3__Bucket"] = bucket.Bucket,
            ["Registry__Storage__S3__Prefix"] = bucket.Prefix,
            ["Registry__Storage__S3__ForcePathStyle"] = "true",
            ["Registry__Storage__S3__AccessKey"] = bucket.AccessKey!,
            ["Registry__Storage__S3__SecretKey"] = bucket.SecretKey!,
            ["Registry__Storage__RedirectPulls"] = "true",
            ["Registry__Storage__RedirectTtl"] = "00:02:00",
        });
    }

    [Fact]
    public async Task BlobGet_AnswersTemporaryRedirectToAPresignedUrlThatServesTheBytes()
    {
        byte[] content = Digests.RandomBytes(300_000);
        string digest = Digests.Sha256(content);
        using HttpClient client = _registry!.CreateClient();
        using (var body = new ByteArrayContent(content))
        {
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using HttpResponseMessage pushed = await client.PostAsync($"/v2/redirect/app/blobs/uploads/?digest={digest}", body);
            Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        }

        // The registry's client follows no redirects and sends admin's credentials; the presigned URL needs none.
        using HttpResponseMessage get = await client.GetAsync($"/v2/redirect/app/blobs/{digest}");
        using HttpResponseMessage head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/redirect/app/blobs/{digest}"));
        using var direct = new HttpClient();
        byte[] fetched = await direct.GetByteArrayAsync(get.Headers.Location);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, get.StatusCode);
        Assert.StartsWith(_s3.ServiceUrl, get.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("Signature", get.Headers.Location.Query, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(content, fetched);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(content.Length, head.Content.Headers.ContentLength);
    }

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        await _s3.DisposeAsync();
    }
}
