using Registry.Api.Auth;
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

        string actor = context.GetCaller().Subject;
        DeleteResult result = reference.IsDigest
            ? await services.Metadata.DeleteManifestAsync(name, reference.Digest, actor, context.RequestAborted)
            : await services.Metadata.DeleteTagAsync(name, reference.Tag!, actor, context.RequestAborted);
        bool removed = result.Status == DeleteStatus.Deleted;
        if (removed)
        {
            services.Audit.Record(context, reference.IsDigest ? "manifest.delete" : "tag.delete",
                reference.IsDigest ? $"{name.Value}@{reference.Digest.Value}" : $"{name.Value}:{reference.Tag!.Value}");
            services.Events.ManifestDeleted(context, name, reference);
        }

        return removed
            ? Results.StatusCode(StatusCodes.Status202Accepted)
            : result.Violation is { } refused
                ? TagProtectionResults.Denied(refused)
                : OciResults.Error(OciErrorCode.ManifestUnknown, $"manifest '{argument}' is not in repository '{name}'");
    }
}
