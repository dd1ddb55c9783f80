using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Tags;

namespace Registry.Api.Oci;

/// <summary>
/// The answer to a tag change a protection rule refused: 403 DENIED with a message naming the tag and the rule (id,
/// kind, pattern, scope), which docker and podman print after <c>denied:</c>, and <c>detail.reason</c>
/// <see cref="Reason"/>, so a program (another instance's replication run) tells it from a refused permission.
/// </summary>
internal static class TagProtectionResults
{
    public const string Reason = "tag_protected";

    public static OciErrorResult Denied(TagProtectionViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return OciResults.Error(OciErrorCode.Denied, Reason, null, violation.Message);
    }
}
