using Amazon.S3;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Core.Storage;
using Registry.Storage.Blobs.S3;

namespace Registry.Storage;

/// <summary>
/// Tells, from an exception a store let escape, whether a store is unusable as a whole (503 for the request, a
/// dependency to fix) rather than a bug (500): the host asks it before answering a failed request.
/// </summary>
public sealed class StorageFailures(IOptions<S3BlobStoreOptions> s3)
{
    /// <summary>The operator's reason, or null when <paramref name="e"/> is not an unavailable store.</summary>
    public string? DescribeUnavailable(Exception e) => e switch
    {
        StorageUnavailableException unavailable => unavailable.Message,
        AmazonS3Exception or Amazon.Runtime.AmazonServiceException or HttpRequestException => S3Errors.DescribeUnavailable(e, s3.Value),
        NpgsqlException { IsTransient: true } => $"PostgreSQL cannot be reached ({(e.InnerException ?? e).Message})",
        _ => null,
    };
}
