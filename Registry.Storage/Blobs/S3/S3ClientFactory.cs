using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Registry.Storage.Blobs.S3;

/// <summary>Builds the SDK client from validated options.</summary>
internal static class S3ClientFactory
{
    private const string CopySourceHeader = "x-amz-copy-source";

    public static AmazonS3Client Create(S3BlobStoreOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,

            // Checksums only where S3 demands them: S3-compatible servers (s3rver, older MinIO and Ceph) do not all
            // understand the SDK's default trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        AmazonS3Client client = string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
        client.BeforeRequestEvent += UnescapeCopySourceSlashes;
        return client;
    }

    /// <summary>
    /// The SDK sends a copy's source as <c>bucket%2Fkey</c>; S3 takes plain slashes as well (its documented form),
    /// and some S3-compatible servers (s3rver) only those. Runs before the request is signed.
    /// </summary>
    private static void UnescapeCopySourceSlashes(object sender, RequestEventArgs e)
    {
        if (e is WebServiceRequestEventArgs request && request.Headers.TryGetValue(CopySourceHeader, out string? source))
        {
            request.Headers[CopySourceHeader] = source.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }
    }
}
