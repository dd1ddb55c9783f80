using System.Text.Json;
using Registry.Storage.Blobs.S3;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The registry process on S3 with s3rver behind a <see cref="RecordingProxy"/> that is the registry's S3 ServiceUrl,
/// so a test sees every request made to the store (the registry's own, and clients following presigned URLs). Start
/// pushes a multi-platform image with skopeo and then clears the proxy, so only what follows is looked at. Every
/// request the store saw is written to the test output at the end, without credentials.
/// </summary>
public abstract class S3ProxiedRegistryTest(ITestOutputHelper output, string workPrefix) : RegistryProcessTest(output, workPrefix)
{
    protected const string Tag = "v1";

    private readonly S3Server s3 = new();
    private RecordingProxy? proxy;
    private OciLayout? layout;

    protected abstract string Repository { get; }

    protected RecordingProxy Proxy => proxy ?? throw new InvalidOperationException("The proxy did not start.");

    private protected OciLayout Layout => layout ?? throw new InvalidOperationException("The OCI layout was not written.");

    private protected OciLayoutImage Amd64 => Layout.Image("amd64");

    protected string Image => $"{Registry.HostPort}/{Repository}:{Tag}";

    protected string Creds => $"admin:{Registry.AdminPassword}";

    /// <summary>Starts s3rver, the proxy and the registry with <paramref name="settings"/> added, and pushes the image.</summary>
    protected async Task StartOnS3Async(SkopeoClient skopeo, int seed, IReadOnlyDictionary<string, string> settings)
    {
        layout = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("layout"), Tag, seed, CancellationToken.None);
        await s3.InitializeAsync();
        S3BlobStoreOptions bucket = await s3.CreateBucketAsync();
        proxy = await RecordingProxy.StartAsync(new Uri(s3.ServiceUrl));
        var environment = new Dictionary<string, string>
        {
            ["Registry__Storage__Provider"] = "s3",
            ["Registry__Storage__S3__ServiceUrl"] = proxy.Url,
            ["Registry__Storage__S3__Bucket"] = bucket.Bucket,
            ["Registry__Storage__S3__Prefix"] = bucket.Prefix,
            ["Registry__Storage__S3__ForcePathStyle"] = "true",
            ["Registry__Storage__S3__AccessKey"] = bucket.AccessKey!,
            ["Registry__Storage__S3__SecretKey"] = bucket.SecretKey!,
        };
        foreach ((string name, string value) in settings)
        {
            environment[name] = value;
        }

        await StartAsync(environment);
        await skopeo.Skopeo("copy", "--all", "--dest-tls-verify=false", "--dest-creds", Creds, Layout.Reference, $"docker://{Image}");
        Proxy.Clear();
    }

    public override async Task DisposeAsync()
    {
        if (proxy is not null)
        {
            Output.WriteLine("--- requests the store saw ---");
            foreach (RecordedRequest request in proxy.Requests)
            {
                Output.WriteLine(Redacted(request));
            }
        }

        await base.DisposeAsync();
        if (proxy is not null)
        {
            await proxy.DisposeAsync();
        }

        await s3.DisposeAsync();
    }

    protected static string Redacted(RecordedRequest request) => $"{request.Method} {request.Path} -> {request.Status}"
        + (request.IsPresigned ? " presigned" : string.Empty)
        + (request.Header("Authorization") is { } auth ? $" Authorization: {auth.Split(' ')[0]}" : string.Empty)
        + (request.Header("User-Agent") is { } agent ? $" ({agent})" : string.Empty);

    private protected static string[] DiffIds(OciLayoutImage image)
    {
        using JsonDocument config = JsonDocument.Parse(image.Config);
        return [.. config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()!)];
    }
}
