using System.Net;

namespace Registry.Api.Oci;

/// <summary>How an upstream's answer or exception maps to a <see cref="RemoteFetch"/>.</summary>
internal static class RemoteFailures
{
    /// <summary>A non-success answer: 404 is <see cref="RemoteFetchStatus.NotFound"/>, 429 rate-limited, the rest unreachable.</summary>
    public static RemoteFetch Of(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.NotFound => new RemoteFetch(RemoteFetchStatus.NotFound, "the upstream does not have it"),
        HttpStatusCode.TooManyRequests => new RemoteFetch(RemoteFetchStatus.RateLimited, $"upstream answered 429{RetryAfter(response)}"),
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new RemoteFetch(RemoteFetchStatus.Unreachable, $"upstream refused the remote's credentials ({(int)response.StatusCode})"),
        _ => new RemoteFetch(RemoteFetchStatus.Unreachable, $"upstream answered {(int)response.StatusCode}"),
    };

    /// <summary>
    /// Whether <paramref name="e"/> is the upstream failing (connection refused or reset, a timeout, the circuit
    /// breaker open) rather than the client going away (<paramref name="ct"/> cancelled) or a bug of ours.
    /// </summary>
    public static bool IsUpstreamFailure(Exception e, CancellationToken ct)
        => e is HttpRequestException or Polly.ExecutionRejectedException or IOException
            || (e is OperationCanceledException && !ct.IsCancellationRequested);

    private static string RetryAfter(HttpResponseMessage response)
        => response.Headers.RetryAfter?.Delta is { } delta ? $", retry after {delta.TotalSeconds:0} s" : string.Empty;
}
