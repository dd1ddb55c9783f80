using Registry.Api.Oci;
using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Management;

/// <summary>
/// Repositories in the management API: the list of those the caller may pull, a repository's tags, and deleting a
/// tag without deleting its manifest (tag management, the maintainer role). Repository names contain slashes, so
/// the path is read from its end (<c>.../tags</c>, <c>.../tags/{tag}</c>); a name may also be sent URL-encoded.
/// </summary>
internal static class RepositoryEndpoints
{
    public static RouteGroupBuilder MapRepositoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/repositories", ListAsync);
        api.MapMethods("/repositories/{**path}", ["GET", "DELETE"], DispatchAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(string? @namespace, string? last, int? n, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        int limit = Math.Clamp(n ?? 100, 1, 1000);
        var names = new List<string>(limit);
        string? cursor = last;
        while (names.Count < limit)
        {
            RepositoryPage page = await services.Metadata.ListRepositoriesAsync(cursor, 1000, context.RequestAborted);
            foreach (string name in page.Names)
            {
                if (@namespace is not null && !(name == @namespace || name.StartsWith(@namespace + "/", StringComparison.Ordinal)))
                {
                    continue;
                }

                if (RepositoryName.TryParse(name, out RepositoryName? repository) && caller.Permissions.Allows(repository, AccessAction.Pull) && names.Count < limit)
                {
                    names.Add(name);
                }
            }

            if (!page.HasMore || page.Names.Count == 0 || (@namespace is not null && string.CompareOrdinal(page.Names[^1], @namespace + "0") > 0))
            {
                return Results.Ok(new { repositories = names, next = (string?)null });
            }

            cursor = page.Names[^1];
        }

        return Results.Ok(new { repositories = names, next = names[^1] });
    }

    private static async Task<IResult> DispatchAsync(string path, HttpContext context, ManagementServices services)
    {
        (ManagementCaller? caller, IResult? error) = await services.CallerAsync(context);
        if (caller is null)
        {
            return error!;
        }

        string[] parts = path.Split('/');
        bool isTag = parts.Length >= 3 && parts[^2] == "tags";
        bool isTagList = !isTag && parts.Length >= 2 && parts[^1] == "tags";
        int nameParts = isTag ? parts.Length - 2 : isTagList ? parts.Length - 1 : parts.Length;
        string rawName = Uri.UnescapeDataString(string.Join('/', parts[..nameParts]));
        if (!RepositoryName.TryParse(rawName, out RepositoryName? repository))
        {
            return OciResults.Error(Core.Errors.OciErrorCode.NameInvalid, $"'{rawName}' is not a valid repository name");
        }

        string method = context.Request.Method;
        if (isTagList && method == "GET")
        {
            return await ListTagsAsync(repository, caller, context, services);
        }

        if (isTag && method == "DELETE")
        {
            return await DeleteTagAsync(repository, parts[^1], caller, context, services);
        }

        return OciResults.Error(Core.Errors.OciErrorCode.Unsupported, $"{method} /api/v1/repositories/{path} is not an endpoint", StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListTagsAsync(RepositoryName repository, ManagementCaller caller, HttpContext context, ManagementServices services)
    {
        if (!caller.Permissions.Allows(repository, AccessAction.Pull))
        {
            return ManagementCaller.Denied($"{caller.Caller.Subject} may not pull from '{repository}'");
        }

        TagPage tags = await services.Metadata.ListTagsAsync(repository, null, null, context.RequestAborted);
        return Results.Ok(new { name = repository.Value, tags = tags.Tags });
    }

    private static async Task<IResult> DeleteTagAsync(RepositoryName repository, string tagText, ManagementCaller caller, HttpContext context, ManagementServices services)
    {
        if (!caller.Permissions.Allows(repository, AccessAction.Manage))
        {
            return ManagementCaller.Denied($"{caller.Caller.Subject} may not manage tags of '{repository}': that needs the maintainer role on it or its namespace");
        }

        if (!TagName.TryParse(tagText, out TagName? tag))
        {
            return OciResults.Error(Core.Errors.OciErrorCode.TagInvalid, $"'{tagText}' is not a valid tag");
        }

        if (!await services.Metadata.DeleteTagAsync(repository, tag, context.RequestAborted))
        {
            return OciResults.Error(Core.Errors.OciErrorCode.ManifestUnknown, $"tag '{tag}' is not in '{repository}'");
        }

        services.Audit.Record(context, "tag.delete", $"{repository}:{tag}");
        return Results.NoContent();
    }
}
