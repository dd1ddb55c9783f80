using Registry.Api.Artifacts;

namespace Registry.Api.Packages.Pypi;

/// <summary>The pypi client protocol under <c>/artifactory/api/pypi/</c> (docs/packages.md).</summary>
internal static class PypiApi
{
    public static Task<IResult> HandleAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        _ = context;
        _ = services;
        return Task.FromResult(ArtifactResults.NotFound($"no pypi repository API at '{route.Key}/{route.RawPath}'"));
    }
}
