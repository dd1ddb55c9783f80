using System.Collections.Concurrent;

namespace Registry.Api.Artifacts;

/// <summary>
/// The paths an upstream answered 404 for, remembered per node until the remote's
/// <c>missedRetrievalCachePeriodSecs</c> ran out, so clients probing many repositories do not send each probe upstream.
/// </summary>
internal sealed class RemoteMisses(TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public bool IsMissing(string key, string path)
    {
        string entry = key + "\n" + path;
        if (!_until.TryGetValue(entry, out DateTimeOffset until))
        {
            return false;
        }

        if (time.GetUtcNow() < until)
        {
            return true;
        }

        _until.TryRemove(entry, out _);
        return false;
    }

    public void Remember(string key, string path, int seconds)
    {
        if (seconds <= 0)
        {
            return;
        }

        if (_until.Count >= MaxEntries)
        {
            _until.Clear();
        }

        _until[key + "\n" + path] = time.GetUtcNow().AddSeconds(seconds);
    }
}
