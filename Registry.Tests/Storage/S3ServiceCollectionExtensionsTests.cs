using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Blobs.S3;

namespace Registry.Tests.Storage;

public sealed class S3ServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Action<S3BlobStoreOptions> configure)
        => new ServiceCollection().AddLogging().AddS3BlobStore(configure).BuildServiceProvider();

    [Fact]
    public void AddS3BlobStore_WithBucket_ResolvesTheS3Store()
    {
        using ServiceProvider services = Build(o =>
        {
            o.ServiceUrl = "http://127.0.0.1:9";
            o.Bucket = "registry";
            o.AccessKey = "key";
            o.SecretKey = "secret";
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<S3BlobStore>(services.GetRequiredService<IBlobStore>());
    }

    [Theory]
    [InlineData("", null, null, 8 * 1024 * 1024, "Bucket")]
    [InlineData("registry", "key", null, 8 * 1024 * 1024, "SecretKey")]
    [InlineData("registry", null, "aws:rot13", 8 * 1024 * 1024, "ServerSideEncryption")]
    [InlineData("registry", null, null, 1024 * 1024, "PartSize")]
    public void AddS3BlobStore_WithInvalidOptions_FailsAtStart(string bucket, string? accessKey, string? encryption, int partSize, string named)
    {
        using ServiceProvider services = Build(o =>
        {
            o.Bucket = bucket;
            o.AccessKey = accessKey;
            o.ServerSideEncryption = encryption;
            o.PartSize = partSize;
        });

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddS3BlobStore_WithAReadCacheOfNoBytes_FailsAtStart()
    {
        using ServiceProvider services = Build(o =>
        {
            o.Bucket = "registry";
            o.ReadCachePath = "/tmp/never-created";
            o.ReadCacheSize = 0;
        });

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("ReadCacheSize", error.Message, StringComparison.Ordinal);
    }
}
