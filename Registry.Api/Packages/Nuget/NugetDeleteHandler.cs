using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// <c>DELETE /artifactory/api/nuget/v3/{key}/{id}/{version}</c> (<c>dotnet nuget delete</c>): removes the version folder
/// (from a remote: its cached copy). Needs the maintainer role. Through a virtual repository it deletes from the
/// default deployment repository (where pushes through it went), needing the maintainer role there; a virtual one
/// without one refuses it (405).
/// </summary>
internal static class NugetDeleteHandler
{
    public static async Task<IResult> DeleteAsync(HttpContext context, string key, string id, string versionText, Artifacts.ArtifactServices services)
    {
        ArtifactRepository? addressed = await services.Store.GetArtifactRepositoryAsync(key, context.RequestAborted);
        if (addressed is { Type: ArtifactRepositoryType.Nuget, Class: RepositoryClass.Virtual, Virtual.DefaultDeploymentRepo: { } deployTo }
            && await services.Store.GetArtifactRepositoryAsync(deployTo, context.RequestAborted) is { Class: RepositoryClass.Local })
        {
            return await DeleteAsync(context, deployTo, id, versionText, services);
        }

        (ArtifactRepository? repository, IResult? failure) = await PackageRequest.ResolveAsync(context, key, ArtifactRepositoryType.Nuget, AccessAction.Delete, services);
        if (repository is null)
        {
            return failure!;
        }

        if (repository.Class == RepositoryClass.Virtual)
        {
            return NugetResults.Error(context, StatusCodes.Status405MethodNotAllowed, $"'{key}' is a virtual repository without a local defaultDeploymentRepo: delete the package in the member that holds it ({string.Join(", ", repository.Virtual?.Repositories ?? [])})");
        }

        if (!NugetPackageId.IsValid(id) || !NugetVersion.TryParse(versionText, out NugetVersion? version))
        {
            return NugetResults.BadRequest(context, $"'{id} {versionText}' is not a package id and version");
        }

        ArtifactDeletion removed = await services.Artifacts.DeleteAsync(
            context.GetActor(), repository.Key, NugetLayout.VersionFolder(id.ToLowerInvariant(), version.Lower), context.RequestAborted);
        return removed.Files == 0
            ? NugetResults.NotFound(context, $"package '{id} {versionText}' is not in '{key}'")
            : Results.NoContent();
    }
}
