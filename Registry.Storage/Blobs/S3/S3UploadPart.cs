namespace Registry.Storage.Blobs.S3;

/// <summary>One uploaded part of a session's multipart upload.</summary>
internal sealed record S3UploadPart(int Number, string ETag, long Size);
