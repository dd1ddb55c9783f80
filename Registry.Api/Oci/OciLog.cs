namespace Registry.Api.Oci;

internal static partial class OciLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Blob {Digest} is linked in {Repository} but its bytes are missing from the blob store")]
    public static partial void BlobBytesMissing(ILogger logger, string digest, string repository);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Manifest {Digest} is recorded in {Repository} but its bytes are missing from the blob store")]
    public static partial void ManifestBytesMissing(ILogger logger, string digest, string repository);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Upload {UploadId} ended before its body was complete: {Reason}")]
    public static partial void UploadInterrupted(ILogger logger, string uploadId, string reason);
}
