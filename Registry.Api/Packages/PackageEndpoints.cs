using Registry.Api.Artifacts;

namespace Registry.Api.Packages;

/// <summary>
/// The package clients' protocols under <c>/artifactory/api/</c>: npm (<c>api/npm/{key}/...</c>), PyPI
/// (<c>api/pypi/{key}/...</c>) and NuGet v3 (<c>api/nuget/v3/{key}/...</c>). Their literal prefixes take precedence
/// over the Artifactory API's catch-all route; the rest of the path is read raw, as there (<see cref="ArtifactRoute"/>).
/// </summary>
internal static class PackageEndpoints
{
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Post, HttpMethods.Delete];

    public static IEndpointRouteBuilder MapPackages(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/artifactory/api/npm/{**rest}", Methods, (HttpContext context, ArtifactServices services)
            => Route(context, services, Npm.NpmApi.HandleAsync)).DisableAntiforgery();
        app.MapMethods("/artifactory/api/pypi/{**rest}", Methods, (HttpContext context, ArtifactServices services)
            => Route(context, services, Pypi.PypiApi.HandleAsync)).DisableAntiforgery();
        app.MapMethods("/artifactory/api/nuget/{**rest}", Methods, (HttpContext context, ArtifactServices services)
            => Route(context, services, Nuget.NugetApi.HandleAsync)).DisableAntiforgery();
        return app;
    }

    /// <summary>Hands the handler the route after <c>api/{format}/</c>: its first segment as the key, the rest raw.</summary>
    private static async Task<IResult> Route(HttpContext context, ArtifactServices services, Func<HttpContext, ArtifactRoute, ArtifactServices, Task<IResult>> handler)
    {
        if (!ArtifactRoute.TryParse(context, out ArtifactRoute? parsed))
        {
            return ArtifactResults.NotFound("name a repository: /artifactory/api/{format}/{repo}/");
        }

        (_, ArtifactRoute inner) = parsed.Value.SplitApi();
        return await handler(context, inner, services);
    }
}
