using System.Net;
using Amazon.S3;

namespace Registry.Storage.Blobs.S3;

/// <summary>How the store tells S3 answers apart.</summary>
internal static class S3Errors
{
    /// <summary>The object is not there (a missing bucket is a configuration error, not a missing object).</summary>
    public static bool IsNotFound(AmazonS3Exception e)
        => e.ErrorCode != "NoSuchBucket" && (e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode is "NoSuchKey" or "NotFound");

    /// <summary>An S3-compatible server that does not implement the call (s3rver: abort and list multipart uploads).</summary>
    public static bool IsUnsupported(AmazonS3Exception e)
        => e.StatusCode is HttpStatusCode.NotImplemented or HttpStatusCode.MethodNotAllowed
           || e.ErrorCode is "NotImplemented" or "MethodNotAllowed";
}
