using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace Registry.Storage.Blobs.S3;

/// <summary>How the store tells S3 answers apart.</summary>
internal static class S3Errors
{
    /// <summary>The object is not there (a missing bucket is a configuration error, not a missing object).</summary>
    public static bool IsNotFound(AmazonS3Exception e)
        => e.ErrorCode != "NoSuchBucket" && (e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode is "NoSuchKey" or "NotFound");

    /// <summary>
    /// What makes the bucket unusable, for an operator (bucket, endpoint, the server's error code; never a key), or
    /// null when <paramref name="e"/> is about one request or object only: a bucket that does not exist, credentials
    /// the server refuses, an endpoint that cannot be reached.
    /// </summary>
    public static string? DescribeUnavailable(Exception e, S3BlobStoreOptions options)
    {
        string where = $"S3 bucket '{options.Bucket}' at {(string.IsNullOrEmpty(options.ServiceUrl) ? "AWS region " + options.Region : options.ServiceUrl)}";
        return e switch
        {
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } => $"{where} does not exist (NoSuchBucket); create it, or set Registry:Storage:S3:Bucket",
            AmazonS3Exception { ErrorCode: "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "InvalidToken" or "ExpiredToken" or "AccessDenied" or "AllAccessDisabled" } s3
                => $"{where} refuses the credentials ({s3.ErrorCode}, {(int)s3.StatusCode}); check Registry:Storage:S3:AccessKey/SecretKey and the key's permissions on the bucket",
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } s3 => $"{where} refuses the credentials ({s3.ErrorCode}, 403); check Registry:Storage:S3:AccessKey/SecretKey",
            AmazonServiceException { InnerException: HttpRequestException or SocketException or IOException } or HttpRequestException or SocketException
                => $"{where} cannot be reached ({(e.InnerException ?? e).GetType().Name}: {(e.InnerException ?? e).Message})",
            _ => null,
        };
    }

    /// <summary>An S3-compatible server that does not implement the call (s3rver: abort and list multipart uploads).</summary>
    public static bool IsUnsupported(AmazonS3Exception e)
        => e.StatusCode is HttpStatusCode.NotImplemented or HttpStatusCode.MethodNotAllowed
           || e.ErrorCode is "NotImplemented" or "MethodNotAllowed";
}
