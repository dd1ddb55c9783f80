using Registry.Api.Artifacts;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Packages;

/// <summary>
/// What every npm, PyPI and NuGet handler does first: authorize the action on the key (401 with the Basic challenge
/// to anonymous callers, 403 to others), then find the repository, which must be of the format's type (404).
/// </summary>
internal static class PackageRequest
{
    public static async ValueTask<(ArtifactRepository? Repository, IResult? Failure)> ResolveAsync(
        HttpContext context, string key, ArtifactRepositoryType type, AccessAction needed, ArtifactServices services)
    {
        if (await services.AuthorizeAsync(context, key, needed) is { } denied)
        {
            return (null, denied);
        }

        ArtifactRepository? repository = await services.Store.GetArtifactRepositoryAsync(key, context.RequestAborted);
        if (repository is null)
        {
            return (null, ArtifactResults.NotFound($"repository '{key}' does not exist"));
        }

        return repository.Type == type
            ? (repository, null)
            : (null, ArtifactResults.NotFound($"repository '{key}' is a {RepositoryNames.Of(repository.Type)} repository, not a {RepositoryNames.Of(type)} one"));
    }
}
