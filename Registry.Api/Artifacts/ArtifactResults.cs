using System.Globalization;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;

namespace Registry.Api.Artifacts;

/// <summary>Errors in Artifactory's shape, <c>{"errors":[{"status":404,"message":"..."}]}</c>, and its date format.</summary>
internal static class ArtifactResults
{
    public static IResult Error(int status, string message)
        => Results.Json(new { errors = new[] { new { status, message } } }, statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult Conflict(string message) => Error(StatusCodes.Status409Conflict, message);

    /// <summary>405: the repository's class does not take the method (a deploy to a remote, a delete through a virtual).</summary>
    public static IResult NotAllowed(string message) => Error(StatusCodes.Status405MethodNotAllowed, message);

    /// <summary>429: garbage collection is deleting this very content and did not finish in time; the client retries.</summary>
    public static IResult BeingCollected(Digest digest)
        => Error(StatusCodes.Status429TooManyRequests, $"content {digest} is being garbage-collected; retry shortly");

    /// <summary>ISO 8601 with milliseconds in UTC, as Artifactory writes dates.</summary>
    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
