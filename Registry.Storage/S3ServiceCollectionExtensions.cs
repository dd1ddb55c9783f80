using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Core.Storage;
using Registry.Storage.Blobs.S3;

namespace Registry.Storage;

/// <summary>The S3 blob store backend (AWS S3 or an S3-compatible server).</summary>
public static class S3ServiceCollectionExtensions
{
    public static IServiceCollection AddS3BlobStore(this IServiceCollection services, Action<S3BlobStoreOptions> configure)
    {
        services.AddOptions<S3BlobStoreOptions>().Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Bucket), "Registry:Storage:S3:Bucket must name a bucket.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Region), "Registry:Storage:S3:Region must not be empty.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ServiceUrl) || Uri.TryCreate(o.ServiceUrl, UriKind.Absolute, out _), "Registry:Storage:S3:ServiceUrl must be an absolute URL.")
            .Validate(o => string.IsNullOrEmpty(o.AccessKey) == string.IsNullOrEmpty(o.SecretKey), "Registry:Storage:S3: set both AccessKey and SecretKey, or neither (to use the default credential chain).")
            .Validate(o => o.ServerSideEncryption is null or "" or "AES256" or "aws:kms" or "aws:kms:dsse", "Registry:Storage:S3:ServerSideEncryption must be AES256, aws:kms or aws:kms:dsse.")
            .Validate(o => string.IsNullOrEmpty(o.KmsKeyId) || o.ServerSideEncryption?.StartsWith("aws:kms", StringComparison.Ordinal) == true, "Registry:Storage:S3:KmsKeyId needs ServerSideEncryption aws:kms.")
            .Validate(o => o.PartSize >= S3BlobStoreOptions.MinimumPartSize, "Registry:Storage:S3:PartSize must be at least 5 MiB.")
            .Validate(o => o.CopyPartSize is >= S3BlobStoreOptions.MinimumPartSize and <= S3BlobStoreOptions.MaximumPartSize, "Registry:Storage:S3:CopyPartSize must be between 5 MiB and 5 GiB.")
            .Validate(o => o.MaxSingleCopySize is > 0 and <= S3BlobStoreOptions.MaximumPartSize, "Registry:Storage:S3:MaxSingleCopySize must be between 1 byte and 5 GiB.")
            .Validate(o => string.IsNullOrEmpty(o.ReadCachePath) || o.ReadCacheSize > 0, "Registry:Storage:S3:ReadCacheSize must be more than 0 bytes when ReadCachePath is set.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBlobStore, S3BlobStore>();
        return services;
    }
}
