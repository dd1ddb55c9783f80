using Registry.Api.Artifacts;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// Answers in the shapes the npm client reads: errors carry <c>error</c> (npm prints it after the status line) besides
/// Artifactory's <c>errors</c> list; successes are small JSON objects.
/// </summary>
internal static class NpmResults
{
    public static IResult Error(int status, string message)
        => Results.Json(new { error = message, errors = new[] { new { status, message } } }, statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, message);

    public static IResult Ok(string message) => Results.Json(new { ok = true, success = true, message });

    /// <summary>The error of a file that could not be found or fetched: 404, or 502 when an upstream failed.</summary>
    public static IResult Missing(MemberFile found, string fallback) => found.Failure?.Status switch
    {
        RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused => Error(StatusCodes.Status502BadGateway, found.Failure.Message!),
        _ => NotFound(found.Failure?.Message is { Length: > 0 } message ? message : fallback),
    };

    /// <summary>A deploy refusal from <see cref="Core.Artifacts.ArtifactService"/> as npm shows it.</summary>
    public static IResult Refused(Core.Artifacts.ArtifactDeployResult result) => result.Status switch
    {
        Core.Artifacts.ArtifactPutStatus.Exists => Forbidden(result.Message ?? "the file exists already"),
        Core.Artifacts.ArtifactPutStatus.NotDeployable => Error(StatusCodes.Status405MethodNotAllowed, result.Message ?? "not deployable"),
        Core.Artifacts.ArtifactPutStatus.ContentDeleting => Error(StatusCodes.Status429TooManyRequests, result.Message ?? "retry shortly"),
        _ => Error(StatusCodes.Status409Conflict, result.Message ?? result.Status.ToString()),
    };
}
