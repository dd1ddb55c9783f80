using Registry.Api.Artifacts;

namespace Registry.Api.Packages.Npm;

/// <summary>The npm client protocol under <c>/artifactory/api/npm/</c> (docs/packages.md).</summary>
internal static class NpmApi
{
    public static Task<IResult> HandleAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        _ = context;
        _ = services;
        return Task.FromResult(ArtifactResults.NotFound($"no npm repository API at '{route.Key}/{route.RawPath}'"));
    }
}
