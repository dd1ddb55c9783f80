using Registry.Api.Artifacts;
using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// The npm client protocol under <c>/artifactory/api/npm/{key}/</c> (docs/packages.md): reads need the reader role,
/// publish, deprecate and dist-tags the developer role, unpublish the maintainer role, on the key asked (and, through a
/// virtual repository, on its <c>defaultDeploymentRepo</c>).
/// </summary>
internal static class NpmApi
{
    public static async Task<IResult> HandleAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        string method = context.Request.Method;
        if (NpmRequestPath.TryParse(route.RawPath, out string? error) is not { } path)
        {
            return HttpMethods.IsPut(method) ? NpmResults.BadRequest(error!) : NpmResults.NotFound(error!);
        }

        switch (path.Kind)
        {
            case NpmRequestKind.Ping:
                return Results.Json(new { });
            case NpmRequestKind.WhoAmI:
                Caller caller = context.GetCaller();
                return caller.IsAnonymous
                    ? new WithHeaderResult(NpmResults.Error(StatusCodes.Status401Unauthorized, "authentication required"), "WWW-Authenticate", ArtifactServices.Challenge)
                    : Results.Json(new { username = caller.Subject });
        }

        bool read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        AccessAction needed = read ? AccessAction.Pull
            : path.Kind is NpmRequestKind.PackumentRevision or NpmRequestKind.TarballRevision ? AccessAction.Delete
            : AccessAction.Push;
        (ArtifactRepository? repository, IResult? failure) = await PackageRequest.ResolveAsync(context, route.Key, ArtifactRepositoryType.Npm, needed, services);
        if (repository is null)
        {
            return failure!;
        }

        if (read)
        {
            return path.Kind switch
            {
                NpmRequestKind.Packument => await NpmReadHandlers.PackumentAsync(context, repository, path.Name!, services),
                NpmRequestKind.Version => await NpmReadHandlers.VersionAsync(context, repository, path.Name!, path.Tail!, services),
                NpmRequestKind.DistTags => await NpmReadHandlers.DistTagsAsync(context, repository, path.Name!, services),
                NpmRequestKind.Tarball => await NpmReadHandlers.TarballAsync(context, repository, path.Name!, path.Tail!, services),
                _ => NotAllowed(method, path),
            };
        }

        (ArtifactRepository? target, IResult? refused) = await NpmWriteTarget.ResolveAsync(context, repository, needed, services);
        if (target is null)
        {
            return refused!;
        }

        return (path.Kind, method) switch
        {
            (NpmRequestKind.Packument, "PUT") => await NpmPublishHandler.PutAsync(context, target, path.Name!, services),
            (NpmRequestKind.PackumentRevision, "PUT") => await NpmUnpublishHandler.PutRevisionAsync(context, target, path.Name!, services),
            (NpmRequestKind.PackumentRevision, "DELETE") => await NpmUnpublishHandler.DeletePackageAsync(context, target, path.Name!, services),
            (NpmRequestKind.TarballRevision, "DELETE") => await NpmUnpublishHandler.DeleteTarballAsync(context, target, path.Name!, path.Tail!, services),
            (NpmRequestKind.DistTag, "PUT" or "POST") => await NpmDistTagHandler.PutAsync(context, target, path.Name!, path.Tail!, services),
            (NpmRequestKind.DistTag, "DELETE") => await NpmDistTagHandler.DeleteAsync(context, target, path.Name!, path.Tail!, services),
            _ => NotAllowed(method, path),
        };
    }

    private static IResult NotAllowed(string method, NpmRequestPath path)
        => NpmResults.Error(StatusCodes.Status405MethodNotAllowed, $"{method} is not supported on this npm URL ({path.Kind})");
}
