using Registry.Core.Errors;

namespace Registry.Api.Http;

/// <summary>Short constructors for OCI error results, so handlers read as the spec does.</summary>
internal static class OciResults
{
    public static OciErrorResult Error(OciErrorCode code, string? detail = null, int? status = null, string? message = null) => new(code, detail, status, message);
}
