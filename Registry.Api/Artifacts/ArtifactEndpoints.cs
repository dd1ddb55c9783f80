using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// The Artifactory-compatible API under <c>/artifactory/</c>: one endpoint, because repository paths are arbitrary
/// and must be validated from the raw request target. <c>api/</c> is the REST API (storage, search, repositories);
/// anything else is <c>{repo}/{path}</c> (deploy, download, delete).
/// </summary>
internal static class ArtifactEndpoints
{
    public static IEndpointRouteBuilder MapArtifactory(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/artifactory/{**rest}", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Delete], DispatchAsync)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> DispatchAsync(HttpContext context, ArtifactServices services)
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
                _ when HttpMethods.IsPut(method) => await DeployHandler.PutAsync(context, route, services),
                _ when HttpMethods.IsDelete(method) => await DownloadHandler.DeleteAsync(context, route, services),
                _ => await DownloadHandler.GetAsync(context, route, services),
            };
        }

        (string area, ArtifactRoute inner) = route.SplitApi();
        return (area, method) switch
        {
            ("storage", _) when HttpMethods.IsGet(method) => await StorageApiHandlers.GetAsync(context, inner, services),
            ("storage", _) when HttpMethods.IsPut(method) => await StorageApiHandlers.PutAsync(context, inner, services),
            ("storage", _) when HttpMethods.IsDelete(method) => await StorageApiHandlers.DeleteAsync(context, inner, services),
            ("search", _) when HttpMethods.IsGet(method) => await SearchHandlers.SearchAsync(context, inner.Key, services),
            ("repositories", _) when HttpMethods.IsGet(method) => await ListRepositoriesAsync(context, services),
            _ => ArtifactResults.NotFound($"unknown API {method} /artifactory/api/{area}"),
        };
    }

    /// <summary><c>GET /artifactory/api/repositories</c>: the repositories the caller may read.</summary>
    private static async Task<IResult> ListRepositoriesAsync(HttpContext context, ArtifactServices services)
    {
        (Func<string, bool>? canRead, IResult? error) = await services.ReadFilterAsync(context);
        if (canRead is null)
        {
            return error!;
        }

        var repositories = await services.Store.ListArtifactRepositoriesAsync(context.RequestAborted);
        return Results.Json(repositories.Where(r => canRead(r.Key)).Select(r => ArtifactJson.Repository(context, r)).ToList());
    }
}
