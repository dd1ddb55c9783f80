using Microsoft.Net.Http.Headers;
using Registry.Api.Artifacts;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;

namespace Registry.Api.Console;

/// <summary>
/// <c>GET /ui/artifacts/download?repository=&amp;path=</c>: an artifact file for a signed-in console user who may pull
/// from its repository, served as <c>/artifactory</c> serves it (checksum headers, ETag, ranges) but as an attachment.
/// The artifact API itself takes Basic credentials or tokens, never the console cookie.
/// </summary>
internal static class ConsoleArtifactDownload
{
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet(ConsoleEndpoints.BasePath + "/artifacts/download", DownloadAsync);

    private static async Task<IResult> DownloadAsync(string? repository, string? path, HttpContext context, ConsoleSession session, ArtifactServices artifacts)
    {
        if (await session.GetUserAsync(context) is not { } user)
        {
            return Results.Redirect($"{ConsoleEndpoints.BasePath}/login");
        }

        if (repository is null || path is null || !RepositoryName.TryParse(repository, out RepositoryName? key) || !user.May(key, AccessAction.Pull)
            || !ArtifactPath.TryParse(path, out ArtifactPath? parsed, out _) || parsed.IsRoot
            || await artifacts.Store.GetFileAsync(repository, parsed.Value, context.RequestAborted) is not { } file)
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = file.Name }.ToString();
        return await DownloadHandler.ServeAsync(context, file, artifacts);
    }
}
