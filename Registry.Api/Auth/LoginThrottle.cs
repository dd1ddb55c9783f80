using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Registry.Api.Auth;

/// <summary>
/// Counts failed logins per account and per client address in a sliding window. A key with too many failures is
/// refused before its password is even checked, until its oldest failure leaves the window. Counts are per node.
/// </summary>
internal sealed class LoginThrottle(IOptions<AuthSettings> options, TimeProvider time)
{
    private const int MaxTrackedKeys = 100_000;
    private readonly ConcurrentDictionary<string, FailureWindow> _failures = new(StringComparer.Ordinal);

    private LoginThrottleSettings Settings => options.Value.LoginThrottle;

    /// <summary>How long the account or address must wait, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string user, string? address)
    {
        DateTimeOffset now = time.GetUtcNow();
        TimeSpan? wait = Wait(UserKey(user), Settings.MaxFailuresPerUser, now);
        if (address is not null && Wait(AddressKey(address), Settings.MaxFailuresPerAddress, now) is { } addressWait)
        {
            wait = wait is null || addressWait > wait ? addressWait : wait;
        }

        return wait;
    }

    public void RecordFailure(string user, string? address)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_failures.Count >= MaxTrackedKeys)
        {
            Prune(now);
        }

        Add(UserKey(user), now);
        if (address is not null)
        {
            Add(AddressKey(address), now);
        }
    }

    /// <summary>A successful login clears the account's failures (not the address's: one good password does not vouch for the others tried from there).</summary>
    public void RecordSuccess(string user) => _failures.TryRemove(UserKey(user), out _);

    private TimeSpan? Wait(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out FailureWindow? window))
        {
            return null;
        }

        lock (window)
        {
            window.Trim(now - Settings.Window);
            return window.Count >= limit ? window.AgeOut(window.Count - limit) + Settings.Window - now : null;
        }
    }

    private void Add(string key, DateTimeOffset now)
    {
        FailureWindow window = _failures.GetOrAdd(key, static _ => new FailureWindow());
        lock (window)
        {
            window.Trim(now - Settings.Window);
            window.Add(now, Math.Max(Settings.MaxFailuresPerUser, Settings.MaxFailuresPerAddress));
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach ((string key, FailureWindow window) in _failures)
        {
            lock (window)
            {
                window.Trim(now - Settings.Window);
                if (window.Count == 0)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }

    private static string UserKey(string user) => "u:" + user;

    private static string AddressKey(string address) => "a:" + address;

    /// <summary>Times of recent failures, oldest first, at most as many as the largest limit needs.</summary>
    private sealed class FailureWindow
    {
        private readonly List<DateTimeOffset> _times = [];

        public int Count => _times.Count;

        /// <summary>The failure whose leaving the window brings the count below the limit.</summary>
        public DateTimeOffset AgeOut(int index) => _times[index];

        public void Trim(DateTimeOffset before)
        {
            int expired = 0;
            while (expired < _times.Count && _times[expired] <= before)
            {
                expired++;
            }

            _times.RemoveRange(0, expired);
        }

        public void Add(DateTimeOffset at, int keep)
        {
            _times.Add(at);
            if (_times.Count > keep)
            {
                _times.RemoveRange(0, _times.Count - keep);
            }
        }
    }
}
