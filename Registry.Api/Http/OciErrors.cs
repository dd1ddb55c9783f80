using Registry.Core.Errors;

namespace Registry.Api.Http;

/// <summary>Every OCI error code with its wire name, HTTP status and standard message, in one table.</summary>
internal static class OciErrors
{
    public static (string Code, int Status, string Message) Describe(OciErrorCode code) => code switch
    {
        OciErrorCode.BlobUnknown => ("BLOB_UNKNOWN", StatusCodes.Status404NotFound, "blob unknown to registry"),
        OciErrorCode.BlobUploadInvalid => ("BLOB_UPLOAD_INVALID", StatusCodes.Status400BadRequest, "blob upload invalid"),
        OciErrorCode.BlobUploadUnknown => ("BLOB_UPLOAD_UNKNOWN", StatusCodes.Status404NotFound, "blob upload unknown to registry"),
        OciErrorCode.DigestInvalid => ("DIGEST_INVALID", StatusCodes.Status400BadRequest, "provided digest did not match uploaded content"),
        OciErrorCode.ManifestBlobUnknown => ("MANIFEST_BLOB_UNKNOWN", StatusCodes.Status400BadRequest, "manifest references a manifest or blob unknown to registry"),
        OciErrorCode.ManifestInvalid => ("MANIFEST_INVALID", StatusCodes.Status400BadRequest, "manifest invalid"),
        OciErrorCode.ManifestUnknown => ("MANIFEST_UNKNOWN", StatusCodes.Status404NotFound, "manifest unknown to registry"),
        OciErrorCode.NameInvalid => ("NAME_INVALID", StatusCodes.Status400BadRequest, "invalid repository name"),
        OciErrorCode.NameUnknown => ("NAME_UNKNOWN", StatusCodes.Status404NotFound, "repository name not known to registry"),
        OciErrorCode.SizeInvalid => ("SIZE_INVALID", StatusCodes.Status400BadRequest, "provided length did not match content length"),
        OciErrorCode.Unauthorized => ("UNAUTHORIZED", StatusCodes.Status401Unauthorized, "authentication required"),
        OciErrorCode.Denied => ("DENIED", StatusCodes.Status403Forbidden, "requested access to the resource is denied"),
        OciErrorCode.Unsupported => ("UNSUPPORTED", StatusCodes.Status405MethodNotAllowed, "the operation is unsupported"),
        OciErrorCode.TooManyRequests => ("TOOMANYREQUESTS", StatusCodes.Status429TooManyRequests, "too many requests"),
        OciErrorCode.TagInvalid => ("TAG_INVALID", StatusCodes.Status400BadRequest, "manifest tag is invalid"),
        OciErrorCode.RangeInvalid => ("RANGE_INVALID", StatusCodes.Status416RangeNotSatisfiable, "invalid content range"),
        OciErrorCode.PaginationNumberInvalid => ("PAGINATION_NUMBER_INVALID", StatusCodes.Status400BadRequest, "invalid number of results requested"),
        OciErrorCode.Unavailable => ("UNAVAILABLE", StatusCodes.Status503ServiceUnavailable, "service unavailable"),
        _ => ("UNKNOWN", StatusCodes.Status500InternalServerError, "unknown error"),
    };
}
