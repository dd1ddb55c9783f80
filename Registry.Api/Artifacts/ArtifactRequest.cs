using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// What every repository-path handler does first, in this order: validate the path (400), authorize the action
/// (401/403), find the repository (404).
/// </summary>
internal static class ArtifactRequest
{
    public static async ValueTask<(ArtifactPath? Path, ArtifactRepository? Repository, IResult? Failure)> ResolveAsync(
        HttpContext context, ArtifactRoute route, ArtifactServices services, AccessAction needed)
    {
        if (!ArtifactPath.TryParse(route.RawPath, out ArtifactPath? path, out string? pathError))
        {
            return (null, null, ArtifactResults.BadRequest($"Invalid path: {pathError}"));
        }

        if (await services.AuthorizeAsync(context, route.Key, needed) is { } denied)
        {
            return (null, null, denied);
        }

        return await services.Store.GetArtifactRepositoryAsync(route.Key, context.RequestAborted) is { } repository
            ? (path, repository, null)
            : (null, null, ArtifactResults.NotFound($"repository '{route.Key}' does not exist"));
    }
}
