using Registry.Api.Auth;
using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// <c>DELETE /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>: by digest removes the manifest and the tags pointing at it,
/// by tag removes only the tag. Metadata only; bytes are reclaimed by garbage collection. A tag that a protection
/// rule covers (or, by digest, any tag of the manifest) is not deleted: 403 DENIED naming the rule.
/// </summary>
internal static class ManifestDeleteHandler
{
    public static async ValueTask<IResult> DeleteAsync(HttpContext context, RepositoryName name, string argument, OciServices services)
    {
        if (!ManifestReference.TryParse(argument, out Reference reference, out OciErrorResult? error))
        {
            return error!;
        }

        Core.Changes.Actor actor = context.GetActor();
        DeleteResult result = reference.IsDigest
            ? await services.Manifests.DeleteAsync(actor, name, reference.Digest, context.RequestAborted)
            : await services.Tags.DeleteAsync(actor, name, reference.Tag!, context.RequestAborted);
        bool removed = result.Status == DeleteStatus.Deleted;
        return removed
            ? Results.StatusCode(StatusCodes.Status202Accepted)
            : result.Violation is { } refused
                ? TagProtectionResults.Denied(refused)
                : OciResults.Error(OciErrorCode.ManifestUnknown, $"manifest '{argument}' is not in repository '{name}'");
    }
}
