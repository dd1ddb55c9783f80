using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// <c>GET</c>/<c>HEAD</c> on a maven or generic remote repository: the file from the cache or, on first request,
/// from the upstream (<see cref="RemoteLookup"/>); a checksum companion (<c>x.jar.sha1</c>) is answered from the
/// checksums of the file it belongs to, fetched first when it is not cached.
/// </summary>
internal static class RemoteDownload
{
    public static async Task<IResult> GetAsync(HttpContext context, ArtifactPath path, ArtifactRepository remote, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        if (path.IsRoot || path.EndsWithSlash)
        {
            return ArtifactResults.BadRequest($"'{remote.Key}/{path.Value}' is a folder; list what the remote has cached with GET {ArtifactServices.StorageUri(context, remote.Key, path.Value)}");
        }

        if (ChecksumCompanion.TryParse(path.Value, out ChecksumCompanion companion))
        {
            MemberFile target = await RemoteLookup.FindAsync(services, remote, companion.TargetPath, ct);
            if (target.File is { } file)
            {
                return Checksum(context, target, file.Content.Get(companion.Kind));
            }

            if (target.Failure?.Status != RemoteFetchStatus.NotFound)
            {
                return target.Error($"'{remote.Key}/{path.Value}' does not exist");
            }
        }

        MemberFile found = await RemoteLookup.FindAsync(services, remote, path.Value, ct);
        if (found.File is null)
        {
            return found.Error($"'{remote.Key}/{path.Value}' does not exist");
        }

        AddWarning(context, found);
        return await DownloadHandler.ServeAsync(context, found.File, services);
    }

    /// <summary>A checksum companion's text, with the <c>Warning</c> of the file it belongs to.</summary>
    public static IResult Checksum(HttpContext context, MemberFile target, string value)
    {
        AddWarning(context, target);
        return Results.Text(value, "text/plain");
    }

    public static void AddWarning(HttpContext context, MemberFile found)
    {
        if (found.Warning is { } warning)
        {
            context.Response.Headers.Warning = warning;
        }
    }
}
