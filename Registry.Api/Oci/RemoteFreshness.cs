using System.Collections.Concurrent;

namespace Registry.Api.Oci;

/// <summary>
/// This node's memory of what a docker remote's upstream said and when: a tag validated against the upstream is
/// trusted for the remote's <c>RetrievalCachePeriodSecs</c>, an upstream 404 is remembered for its
/// <c>MissedRetrievalCachePeriodSecs</c>. Manifests by digest and blobs are immutable and never asked again. Kept per
/// node: another node asks the upstream once more, which is harmless.
/// </summary>
internal sealed class RemoteFreshness(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> validated = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> missed = new(StringComparer.Ordinal);

    public bool IsFresh(RemoteTarget target, string reference)
        => validated.TryGetValue(Key(target, reference), out DateTimeOffset at)
            && time.GetUtcNow() - at < TimeSpan.FromSeconds(target.Remote.RetrievalCachePeriodSecs);

    public void Validated(RemoteTarget target, string reference)
    {
        string key = Key(target, reference);
        validated[key] = time.GetUtcNow();
        missed.TryRemove(key, out _);
    }

    public bool IsMissed(RemoteTarget target, string reference)
        => missed.TryGetValue(Key(target, reference), out DateTimeOffset at)
            && time.GetUtcNow() - at < TimeSpan.FromSeconds(target.Remote.MissedRetrievalCachePeriodSecs);

    public void Missed(RemoteTarget target, string reference) => missed[Key(target, reference)] = time.GetUtcNow();

    private static string Key(RemoteTarget target, string reference) => string.Concat(target.Local.Value, "\n", reference);
}
