using Registry.Api.Auth;
using Registry.Api.Management.Models;
using Registry.Api.Management.Problems;
using Registry.Core.Access;
using Registry.Core.Content;

namespace Registry.Api.Management;

/// <summary>
/// <c>DELETE /api/v1/repositories/{name}</c>: deletes the repository's tags, manifests and blob links (manage, the
/// maintainer role), through <see cref="RepositoryDeletion"/>; refused (403 <c>TAG_PROTECTED</c>, nothing deleted)
/// while a protection rule covers any of its tags, each named in the problem's detail.
/// </summary>
internal static class RepositoryDeleteEndpoints
{
    public static void Register(RepositoryRoutes routes) => routes.Map("DELETE", string.Empty, DeleteAsync);

    private static async Task<IResult> DeleteAsync(RepositoryRequest request)
    {
        if (!request.Caller.Permissions.Allows(request.Repository, AccessAction.Manage))
        {
            return ManagementCaller.Denied($"{request.Caller.Caller.Subject} may not delete '{request.Repository}': that needs the maintainer role on it or its namespace");
        }

        RepositoryDeletionResult result = await request.Context.RequestServices.GetRequiredService<RepositoryDeletion>()
            .DeleteAsync(request.Context.GetActor(), request.Repository, request.Aborted);
        return result.Status switch
        {
            RepositoryDeletionStatus.Deleted => TypedResults.Ok(new RepositoryDeletedModel(request.Repository.Value, result.Tags, result.Manifests, result.Blobs)),
            RepositoryDeletionStatus.Protected => ApiProblems.TagProtected($"'{request.Repository}' keeps protected tags: {result.RefusalMessage}"),
            _ => ApiProblems.NotFound($"no repository '{request.Repository}'"),
        };
    }
}
