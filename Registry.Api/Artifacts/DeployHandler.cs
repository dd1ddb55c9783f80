using Registry.Api.Auth;
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

        // A virtual repository passes deploys on to its default deployment repository, whose developer role they need;
        // a remote one, and a virtual one without that, refuse them (405) to anyone who may read them.
        ArtifactRepository? addressed = await services.Store.GetArtifactRepositoryAsync(route.Key, ct);
        if (addressed is { Class: RepositoryClass.Virtual, Virtual.DefaultDeploymentRepo: { } deployTo }
            && await services.Store.GetArtifactRepositoryAsync(deployTo, ct) is { Class: RepositoryClass.Local })
        {
            return await PutAsync(context, route with { Key = deployTo }, services);
        }

        AccessAction needed = addressed is { Class: not RepositoryClass.Local } ? AccessAction.Pull : AccessAction.Push;
        (ArtifactPath? path, ArtifactRepository? repository, IResult? failure) = await ArtifactRequest.ResolveAsync(context, route, services, needed);
        if (path is null || repository is null)
        {
            return failure!;
        }

        if (path.IsRoot || path.EndsWithSlash)
        {
            return ArtifactResults.BadRequest("Invalid path: deploy needs a file path; folders exist through the files in them");
        }

        if (repository.Class != RepositoryClass.Local && await services.Artifacts.CheckDeployAsync(repository, path.Value, ct) is { } notLocal)
        {
            return Refused(notLocal, route, sent: null, content: null);
        }

        if (repository.Type == ArtifactRepositoryType.Maven && ChecksumCompanion.TryParse(path.Value, out ChecksumCompanion companion)
            && await services.Store.GetFileAsync(repository.Key, companion.TargetPath, ct) is { } target)
        {
            return await CompanionCheck.VerifyAsync(context, target, companion.Kind);
        }

        if (await services.Artifacts.CheckDeployAsync(repository, path.Value, ct) is { } refused)
        {
            return Refused(refused, route, sent: null, content: null);
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

        ArtifactDeployResult result = await services.Artifacts.DeployAsync(
            context.GetActor(), repository, path.Value, content, ArtifactMimeTypes.For(path.Name), path.Matrix.Count > 0 ? path.Matrix : null, sent.DeployByChecksum, ct);
        if (!result.Succeeded)
        {
            return Refused(result, route, sent, content);
        }

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

    private static IResult Refused(ArtifactDeployResult refused, ArtifactRoute route, ChecksumHeaders? sent, ArtifactChecksums? content) => refused.Status switch
    {
        ArtifactPutStatus.Invalid => ArtifactResults.BadRequest(refused.Message!),
        ArtifactPutStatus.NotDeployable => ArtifactResults.NotAllowed(refused.Message!),
        ArtifactPutStatus.Exists or ArtifactPutStatus.PathConflict => ArtifactResults.Conflict(refused.Message!),
        ArtifactPutStatus.RepositoryUnknown => ArtifactResults.NotFound($"repository '{route.Key}' does not exist"),

        // Only when the pin taken before did not hold (it expired during a very long request).
        _ => sent is { DeployByChecksum: true, Strongest: { } key } ? UnknownChecksum(key) : ArtifactResults.BeingCollected(content!.Digest),
    };
}
