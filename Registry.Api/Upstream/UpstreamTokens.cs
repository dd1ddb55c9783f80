using System.Collections.Concurrent;

namespace Registry.Api.Upstream;

/// <summary>
/// Bearer tokens from upstream token services (Docker's token flow), kept until shortly before they expire. The key
/// names the upstream account and the scope, so one account's token is never sent for another's request.
/// </summary>
internal sealed class UpstreamTokens(TimeProvider time)
{
    /// <summary>A token is dropped this long before its expiry, so it never expires on the way.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> tokens = new(StringComparer.Ordinal);

    public string? Get(string key)
    {
        if (!tokens.TryGetValue(key, out (string Token, DateTimeOffset Expires) entry))
        {
            return null;
        }

        if (entry.Expires > time.GetUtcNow())
        {
            return entry.Token;
        }

        tokens.TryRemove(new KeyValuePair<string, (string, DateTimeOffset)>(key, entry));
        return null;
    }

    public void Set(string key, string token, TimeSpan lifetime)
    {
        TimeSpan kept = lifetime - Margin;
        if (kept > TimeSpan.Zero)
        {
            tokens[key] = (token, time.GetUtcNow() + kept);
        }
    }

    /// <summary>Forgets a token the upstream refused.</summary>
    public void Remove(string key) => tokens.TryRemove(key, out _);
}
