using Registry.Api.Artifacts;

namespace Registry.Api.Packages.Nuget;

/// <summary>The nuget client protocol under <c>/artifactory/api/nuget/</c> (docs/packages.md).</summary>
internal static class NugetApi
{
    public static Task<IResult> HandleAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        _ = context;
        _ = services;
        return Task.FromResult(ArtifactResults.NotFound($"no nuget repository API at '{route.Key}/{route.RawPath}'"));
    }
}
