namespace Registry.Api.Oci;

/// <summary>What asking a docker remote's upstream for content came to.</summary>
internal enum RemoteFetchStatus
{
    /// <summary>The content is in the cache repository and current: serve it.</summary>
    Cached,

    /// <summary>The content is in the cache repository but the upstream could not confirm it: serve it with a <c>Warning: 110</c>.</summary>
    Stale,

    /// <summary>Neither the cache nor the upstream has it (or the remote is offline and the cache does not).</summary>
    NotFound,

    /// <summary>Not cached, and the upstream failed (connection error, timeout, 5xx, refused credentials).</summary>
    Unreachable,

    /// <summary>Not cached, and the upstream answered 429.</summary>
    RateLimited,

    /// <summary>The upstream sent content that is not what was asked for (wrong digest, not a manifest); nothing was stored.</summary>
    Invalid,
}
