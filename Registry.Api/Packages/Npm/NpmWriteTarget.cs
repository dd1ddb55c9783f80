using Registry.Api.Artifacts;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// The local repository a write (publish, dist-tag, deprecate, unpublish) goes to: the repository itself, or a virtual
/// one's <c>defaultDeploymentRepo</c> (the caller needs the role there too); a remote takes none (405).
/// </summary>
internal static class NpmWriteTarget
{
    public static async ValueTask<(ArtifactRepository? Target, IResult? Failure)> ResolveAsync(
        HttpContext context, ArtifactRepository repository, AccessAction needed, ArtifactServices services)
    {
        switch (repository.Class)
        {
            case RepositoryClass.Local:
                return (repository, null);
            case RepositoryClass.Remote:
                return (null, NpmResults.Error(StatusCodes.Status405MethodNotAllowed,
                    $"'{repository.Key}' is a remote repository: it caches {repository.Remote?.Url} and takes no publishes; publish to a local npm repository"));
        }

        if (repository.Virtual?.DefaultDeploymentRepo is not { } key)
        {
            return (null, NpmResults.Error(StatusCodes.Status405MethodNotAllowed,
                $"'{repository.Key}' is a virtual repository without a defaultDeploymentRepo: publish to a local npm repository, or set the virtual repository's defaultDeploymentRepo"));
        }

        if (await services.AuthorizeAsync(context, key, needed) is { } denied)
        {
            return (null, denied);
        }

        ArtifactRepository? target = await services.Store.GetArtifactRepositoryAsync(key, context.RequestAborted);
        return target is { Class: RepositoryClass.Local, Type: ArtifactRepositoryType.Npm }
            ? (target, null)
            : (null, NpmResults.Error(StatusCodes.Status405MethodNotAllowed, $"the defaultDeploymentRepo '{key}' of virtual repository '{repository.Key}' is not a local npm repository"));
    }
}
