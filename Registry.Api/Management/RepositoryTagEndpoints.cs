using Registry.Api.Auth;
using Registry.Api.Management.Models;
using Registry.Api.Management.Problems;
using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Api.Management;

/// <summary>
/// A repository's tags: listing them with their digests and push times, sorted by name, push time or semantic
/// version (pull), and deleting one without its manifest (manage, the maintainer role; refused for protected tags).
/// </summary>
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

        IQueryCollection query = request.Context.Request.Query;
        TagSortKey? sort = query["sort"].ToString() switch
        {
            "" or "name" => TagSortKey.Name,
            "pushed" => TagSortKey.Pushed,
            "semver" => TagSortKey.SemVer,
            _ => null,
        };
        bool? descending = query["order"].ToString() switch
        {
            "" or "asc" => false,
            "desc" => true,
            _ => null,
        };
        if (sort is null)
        {
            return ManagementCaller.BadRequest("sort", "sort is name, pushed or semver");
        }

        if (descending is null)
        {
            return ManagementCaller.BadRequest("order", "order is asc or desc");
        }

        IReadOnlyList<TagDetail> tags = await request.Services.Tags.ListTagDetailsAsync(request.Repository, request.Aborted) ?? [];
        IReadOnlyList<TagDetail> sorted = TagSorting.Sort(tags, sort.Value, descending.Value);
        return TypedResults.Ok(new { name = request.Repository.Value, tags = sorted.Select(TagModel.From).ToList() });
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
            return ApiProblems.InvalidField("tag", $"'{request["tag"]}' is not a valid tag");
        }

        DeleteResult result = await request.Context.RequestServices.GetRequiredService<Core.Tags.TagService>()
            .DeleteAsync(request.Context.GetActor(), repository, tag, request.Aborted);
        if (result.Violation is { } refused)
        {
            return ApiProblems.TagProtected(refused.Message);
        }

        if (result.Status != DeleteStatus.Deleted)
        {
            return ApiProblems.NotFound($"tag '{tag}' is not in '{repository}'");
        }

        return TypedResults.NoContent();
    }
}
