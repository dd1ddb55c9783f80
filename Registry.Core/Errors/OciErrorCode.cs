namespace Registry.Core.Errors;

/// <summary>The error codes of the OCI distribution specification, plus the few Docker-era ones clients know.</summary>
public enum OciErrorCode
{
    BlobUnknown,
    BlobUploadInvalid,
    BlobUploadUnknown,
    DigestInvalid,
    ManifestBlobUnknown,
    ManifestInvalid,
    ManifestUnknown,
    NameInvalid,
    NameUnknown,
    SizeInvalid,
    Unauthorized,
    Denied,
    Unsupported,
    TooManyRequests,
    TagInvalid,
    RangeInvalid,
    PaginationNumberInvalid,

    /// <summary>Docker distribution's UNAVAILABLE (503): a store the registry needs cannot be used.</summary>
    Unavailable,
    Unknown,
}
