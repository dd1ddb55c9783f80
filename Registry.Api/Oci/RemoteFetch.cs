using Registry.Api.Http;
using Registry.Core.Errors;

namespace Registry.Api.Oci;

/// <summary>The outcome of <see cref="RemoteContent"/> asking the upstream, with what to tell a client when nothing can be served.</summary>
internal readonly record struct RemoteFetch(RemoteFetchStatus Status, string? Detail = null)
{
    public static readonly RemoteFetch Cached = new(RemoteFetchStatus.Cached);

    public bool CanServe => Status is RemoteFetchStatus.Cached or RemoteFetchStatus.Stale;

    /// <summary>
    /// The error for an outcome that cannot be served: 404 with <paramref name="unknown"/>, 429 TOOMANYREQUESTS when the
    /// upstream rate-limits, and 502 Bad Gateway with UNAVAILABLE when it is unreachable or sent bad content.
    /// </summary>
    public OciErrorResult Error(OciErrorCode unknown, string what) => Status switch
    {
        RemoteFetchStatus.RateLimited => OciResults.Error(OciErrorCode.TooManyRequests, $"the upstream of {what} is rate-limiting this registry: {Detail}", StatusCodes.Status429TooManyRequests),
        RemoteFetchStatus.Unreachable => OciResults.Error(OciErrorCode.Unavailable, $"{what} is not cached and its upstream is unreachable: {Detail}", StatusCodes.Status502BadGateway),
        RemoteFetchStatus.Invalid => OciResults.Error(OciErrorCode.Unavailable, $"the upstream sent invalid content for {what}: {Detail}", StatusCodes.Status502BadGateway),
        _ => OciResults.Error(unknown, $"{what} is not cached{(Detail is null ? string.Empty : " and " + Detail)}"),
    };
}
