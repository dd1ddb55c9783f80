using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// A file as a local or remote repository can serve it: the file (with a <c>Warning</c> to send when it is stale
/// metadata served because the upstream failed), or why there is none (404 or the upstream's failure).
/// </summary>
internal sealed record MemberFile(ArtifactFile? File, string? Warning, RemoteFetch? Failure)
{
    public static MemberFile Found(ArtifactFile file, string? warning = null) => new(file, warning, null);

    public static MemberFile Missing(RemoteFetch why) => new(null, null, why);

    /// <summary>The Artifactory-shaped error for a file that could not be served: 404, or 502 when the upstream failed.</summary>
    public IResult Error(string fallback) => Failure?.Status switch
    {
        RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused => ArtifactResults.Error(StatusCodes.Status502BadGateway, Failure.Message!),
        _ => ArtifactResults.NotFound(Failure?.Message ?? fallback),
    };
}
