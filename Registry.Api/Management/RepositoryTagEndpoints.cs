using Registry.Api.Oci;
using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Management;

/// <summary>A repository's tags: listing them (pull) and deleting one without its manifest (manage, the maintainer role).</summary>
internal static class RepositoryTagEndpoints
{
    public static void Register(RepositoryRoutes routes)
    {
        routes.Map("GET", "tags", ListTagsAsync);
        routes.Map("DELETE", "tags/{tag}", DeleteTagAsync);
    }

    private static async Task<IResult> ListTagsAsync(RepositoryRequest request)
    {
        if (!request.Caller.Permissions.Allows(request.Repository, AccessAction.Pull))
        {
            return ManagementCaller.Denied($"{request.Caller.Caller.Subject} may not pull from '{request.Repository}'");
        }

        TagPage tags = await request.Services.Metadata.ListTagsAsync(request.Repository, null, null, request.Aborted);
        return Results.Ok(new { name = request.Repository.Value, tags = tags.Tags });
    }

    private static async Task<IResult> DeleteTagAsync(RepositoryRequest request)
    {
        RepositoryName repository = request.Repository;
        if (!request.Caller.Permissions.Allows(repository, AccessAction.Manage))
        {
            return ManagementCaller.Denied($"{request.Caller.Caller.Subject} may not manage tags of '{repository}': that needs the maintainer role on it or its namespace");
        }

        if (!TagName.TryParse(request["tag"], out TagName? tag))
        {
            return OciResults.Error(Core.Errors.OciErrorCode.TagInvalid, $"'{request["tag"]}' is not a valid tag");
        }

        if (!await request.Services.Metadata.DeleteTagAsync(repository, tag, request.Aborted))
        {
            return OciResults.Error(Core.Errors.OciErrorCode.ManifestUnknown, $"tag '{tag}' is not in '{repository}'");
        }

        request.Services.Audit.Record(request.Context, "tag.delete", $"{repository}:{tag}");
        return Results.NoContent();
    }
}
