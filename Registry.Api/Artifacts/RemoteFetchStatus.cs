namespace Registry.Api.Artifacts;

internal enum RemoteFetchStatus
{
    /// <summary>Fetched, verified and recorded in the remote's cache.</summary>
    Stored,

    /// <summary>The upstream answered 404 (now or within the remote's missed-retrieval period).</summary>
    NotFound,

    /// <summary>The upstream could not be reached, timed out, or answered 429 or 5xx.</summary>
    Unreachable,

    /// <summary>The upstream answered, but with something the cache refuses: bytes that fail its checksum, a 401, a path outside the layout.</summary>
    Refused,
}
