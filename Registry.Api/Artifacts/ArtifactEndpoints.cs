using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// The Artifactory-compatible API under <c>/artifactory/</c>: one endpoint, because repository paths are arbitrary
/// and must be validated from the raw request target. <c>api/</c> is the REST API (storage, search, repositories);
/// anything else is <c>{repo}/{path}</c> (deploy, download, delete). <c>POST</c> is for the repository configuration API only.
/// The package clients' protocols (<c>api/npm/</c>, <c>api/pypi/</c>, <c>api/nuget/</c>) have their own, more specific
/// routes (<see cref="Packages.PackageEndpoints"/>).
/// </summary>
internal static class ArtifactEndpoints
{
    public static IEndpointRouteBuilder MapArtifactory(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/artifactory/{**rest}", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Post, HttpMethods.Delete], DispatchAsync)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> DispatchAsync(HttpContext context, ArtifactServices services, ArtifactRepositoryService repositories)
    {
        if (!ArtifactRoute.TryParse(context, out ArtifactRoute? parsed) || parsed.Value.Key.Length == 0)
        {
            return ArtifactResults.NotFound("name a repository: /artifactory/{repo}/{path}");
        }

        ArtifactRoute route = parsed.Value;
        string method = context.Request.Method;
        if (route.Key != ArtifactRepositoryKeys.Api)
        {
            return method switch
            {
                _ when HttpMethods.IsPost(method) => ArtifactResults.Error(StatusCodes.Status405MethodNotAllowed, $"POST is not supported on /artifactory/{route.Key}/; deploy with PUT"),
                _ when HttpMethods.IsPut(method) => await DeployHandler.PutAsync(context, route, services),
                _ when HttpMethods.IsDelete(method) => await DownloadHandler.DeleteAsync(context, route, services),
                _ => await DownloadHandler.GetAsync(context, route, services),
            };
        }

        (string area, ArtifactRoute inner) = route.SplitApi();
        string? repositoryKey = area == "repositories" && inner.RawPath.Length == 0 ? inner.Key : null;
        return (area, repositoryKey) switch
        {
            ("storage", _) when HttpMethods.IsGet(method) => await StorageApiHandlers.GetAsync(context, inner, services),
            ("storage", _) when HttpMethods.IsPut(method) => await StorageApiHandlers.PutAsync(context, inner, services),
            ("storage", _) when HttpMethods.IsDelete(method) => await StorageApiHandlers.DeleteAsync(context, inner, services),
            ("search", _) when HttpMethods.IsGet(method) => await SearchHandlers.SearchAsync(context, inner.Key, services),
            ("repositories", "") when HttpMethods.IsGet(method) => await RepositoryConfigHandlers.ListAsync(context, services),
            ("repositories", { Length: > 0 } key) when HttpMethods.IsGet(method) => await RepositoryConfigHandlers.GetAsync(context, key, services),
            ("repositories", { Length: > 0 } key) when HttpMethods.IsPut(method) => await RepositoryConfigHandlers.CreateAsync(context, key, services, repositories),
            ("repositories", { Length: > 0 } key) when HttpMethods.IsPost(method) => await RepositoryConfigHandlers.UpdateAsync(context, key, services, repositories),
            ("repositories", { Length: > 0 } key) when HttpMethods.IsDelete(method) => await RepositoryConfigHandlers.DeleteAsync(context, key, services, repositories),
            _ => ArtifactResults.NotFound($"unknown API {method} /artifactory/api/{area}"),
        };
    }
}
