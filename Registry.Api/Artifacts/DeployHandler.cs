using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// <c>PUT /artifactory/{repo}/{path}[;key=value...]</c>: streams the body into the content-addressed blob store
/// (or, with <c>X-Checksum-Deploy: true</c>, takes content already stored), verifies the checksums sent and records
/// the file. In Maven repositories release files are immutable unless the repository allows redeploy, and an
/// uploaded <c>.sha1</c>/<c>.md5</c>/<c>.sha256</c> of an existing file is checked, not stored.
/// </summary>
internal static class DeployHandler
{
    public static async Task<IResult> PutAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        CancellationToken ct = context.RequestAborted;
        (ArtifactPath? path, ArtifactRepository? repository, IResult? failure) = await ArtifactRequest.ResolveAsync(context, route, services, AccessAction.Push);
        if (path is null || repository is null)
        {
            return failure!;
        }

        if (path.IsRoot || path.EndsWithSlash)
        {
            return ArtifactResults.BadRequest("Invalid path: deploy needs a file path; folders exist through the files in them");
        }

        bool maven = repository.Type == ArtifactRepositoryType.Maven;
        if (maven && ChecksumCompanion.TryParse(path.Value, out ChecksumCompanion companion)
            && await services.Store.GetFileAsync(repository.Key, companion.TargetPath, ct) is { } target)
        {
            return await CompanionCheck.VerifyAsync(context, target, companion.Kind);
        }

        if (maven && MavenLayout.LayoutError(path.Value) is { } layoutError)
        {
            return ArtifactResults.BadRequest(layoutError);
        }

        bool immutable = maven && !repository.AllowRedeploy && MavenLayout.IsReleaseFile(path.Value);
        if (immutable && await services.Store.GetFileAsync(repository.Key, path.Value, ct) is not null)
        {
            return ReleaseExists(repository, path.Value);
        }

        if (ChecksumHeaders.Read(context.Request.Headers, out string? headerError) is not { } sent)
        {
            return ArtifactResults.BadRequest(headerError!);
        }

        (ArtifactChecksums? content, IResult? failed) = sent.DeployByChecksum
            ? await ByChecksumAsync(sent, services, ct)
            : await ArtifactContent.StoreBodyAsync(context, services, sent);
        if (content is null)
        {
            return failed!;
        }

        string actor = ArtifactServices.Actor(context);
        var write = new ArtifactFileWrite(repository.Key, path.Value, content, ArtifactMimeTypes.For(path.Name), actor, path.Matrix.Count > 0 ? path.Matrix : null);
        ArtifactPutStatus status = await services.Store.PutFileAsync(write, allowOverwrite: !immutable, ct);
        switch (status)
        {
            case ArtifactPutStatus.Exists:
                return ReleaseExists(repository, path.Value);
            case ArtifactPutStatus.PathConflict:
                return ArtifactResults.Conflict($"'{path.Value}' conflicts with an existing file or folder: a path cannot be both");
            case ArtifactPutStatus.RepositoryUnknown:
                return ArtifactResults.NotFound($"repository '{route.Key}' does not exist");
            case ArtifactPutStatus.ContentDeleting:
                // Only when the pin taken before did not hold (it expired during a very long request).
                return sent.DeployByChecksum ? UnknownChecksum(sent.Strongest!.Value) : ArtifactResults.BeingCollected(content.Digest);
        }

        services.Audit.Record(context, "artifact.deploy", $"{repository.Key}/{path.Value}", $"{content.Digest.Value} {content.Size} bytes{(sent.DeployByChecksum ? " by checksum" : string.Empty)}");
        ArtifactFile stored = (await services.Store.GetFileAsync(repository.Key, path.Value, ct))!;
        context.Response.Headers.Location = ArtifactServices.DownloadUri(context, repository.Key, path.Value);
        return Results.Json(ArtifactJson.File(context, stored), statusCode: StatusCodes.Status201Created);
    }

    private static async ValueTask<(ArtifactChecksums?, IResult?)> ByChecksumAsync(ChecksumHeaders sent, ArtifactServices services, CancellationToken ct)
    {
        if (sent.Strongest is not { } key)
        {
            return (null, ArtifactResults.BadRequest($"{ChecksumHeaders.DeployHeader} needs {ChecksumHeaders.Sha256Header} or {ChecksumHeaders.Sha1Header}"));
        }

        ArtifactChecksums? content = await ArtifactContent.FindAsync(services, key.Kind, key.Value, ct);
        if (content is null)
        {
            return (null, UnknownChecksum(key));
        }

        return sent.Mismatch(content) is { } mismatch ? (null, ArtifactResults.Conflict(mismatch)) : (content, null);
    }


    private static IResult UnknownChecksum((ChecksumKind Kind, string Value) key)
        => ArtifactResults.NotFound($"Checksum deploy failed: no stored content has {key.Kind.ToString().ToUpperInvariant()} {key.Value}; deploy the bytes instead");

    private static IResult ReleaseExists(ArtifactRepository repository, string path)
        => ArtifactResults.Conflict($"'{path}' is a release file and already exists in '{repository.Key}'; releases cannot be overwritten unless the repository allows redeploy");
}
