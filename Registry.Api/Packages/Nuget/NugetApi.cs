using Registry.Api.Artifacts;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// The NuGet v3 protocol under <c>/artifactory/api/nuget/v3/{key}/</c> (docs/packages.md, "NuGet"): the service index,
/// the flat container, registrations, search, push (<c>PUT</c> on the feed URL) and delete
/// (<c>DELETE {feed}/{id}/{version}</c>). Reading needs the reader role on the key, pushing developer, deleting maintainer.
/// </summary>
internal static class NugetApi
{
    public static async Task<IResult> HandleAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        if (route.Key != "v3")
        {
            return NugetResults.NotFound(context, $"no NuGet API at '{route.Key}/': feeds are at /artifactory/api/nuget/v3/{{repo}}/index.json");
        }

        if (!NugetRoute.TryParse(route.RawPath, out NugetRoute? path, out string? error))
        {
            return NugetResults.BadRequest(context, error);
        }

        string method = context.Request.Method;
        if (HttpMethods.IsPut(method) && path.Segments.Count == 0)
        {
            return await NugetPushHandler.PutAsync(context, path.Key, services);
        }

        if (HttpMethods.IsDelete(method) && path.Segments.Count == 2)
        {
            return await NugetDeleteHandler.DeleteAsync(context, path.Key, path.Segments[0], path.Segments[1], services);
        }

        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            return NugetResults.Error(context, StatusCodes.Status405MethodNotAllowed, $"{method} is not part of the NuGet API at '{route.RawPath}'");
        }

        // The service index holds nothing but URLs made of the key the client sent: it is served to anyone (so that
        // `dotnet nuget push -s URL --api-key rgt_...` finds the publish URL), checked against the repository only for
        // callers who may read it.
        if (path.Is("index.json") && await services.AuthorizeAsync(context, path.Key, AccessAction.Pull) is not null)
        {
            return Core.Primitives.RepositoryName.TryParse(path.Key, out _)
                ? NugetServiceIndexResult.For(context, path.Key)
                : NugetResults.NotFound(context, $"repository '{path.Key}' does not exist");
        }

        (ArtifactRepository? repository, IResult? failure) = await PackageRequest.ResolveAsync(context, path.Key, ArtifactRepositoryType.Nuget, AccessAction.Pull, services);
        if (repository is null)
        {
            return failure!;
        }

        var feed = new NugetFeed(services);
        IReadOnlyList<string> s = path.Segments;
        return s switch
        {
            ["index.json"] => NugetServiceIndexResult.For(context, repository.Key),
            ["flatcontainer", string id, "index.json"] => await NugetFlatContainerHandler.VersionsAsync(context, repository, id, feed),
            ["flatcontainer", string id, string version, string name] => await NugetFlatContainerHandler.FileAsync(context, repository, id, version, name, feed),
            ["registration", string id, "index.json"] => await NugetRegistrationHandler.IndexAsync(context, repository, id, feed),
            ["registration", string id, string leaf] when leaf.EndsWith(".json", StringComparison.Ordinal) => await NugetRegistrationHandler.LeafAsync(context, repository, id, leaf[..^5], feed),
            ["query"] => await NugetSearchHandler.SearchAsync(context, repository, feed),
            _ => NugetResults.NotFound(context, $"'{route.RawPath}' is not a resource of NuGet feed '{repository.Key}' (start at {NugetUrls.For(context, repository.Key).ServiceIndex})"),
        };
    }
}
