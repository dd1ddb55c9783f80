using Registry.Core.Retention;

namespace Registry.Tests.Core.Retention.Engine;

/// <summary>Run locks in memory: held names, and a way to take one away from its holder (as another node would).</summary>
internal sealed class FakeRunLocks : IRetentionRunLocks
{
    private readonly Dictionary<string, CancellationTokenSource> _held = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Held => _held.Keys;

    public Task<IRetentionRunLock?> TryTakeAsync(string name, CancellationToken ct)
    {
        if (_held.ContainsKey(name))
        {
            return Task.FromResult<IRetentionRunLock?>(null);
        }

        var lost = new CancellationTokenSource();
        _held[name] = lost;
        return Task.FromResult<IRetentionRunLock?>(new Lock(this, name, lost));
    }

    /// <summary>The lock is lost to another owner: its holder's run stops.</summary>
    public void TakeAway(string name) => _held[name].Cancel();

    private sealed class Lock(FakeRunLocks locks, string name, CancellationTokenSource lost) : IRetentionRunLock
    {
        public CancellationToken Lost => lost.Token;

        public ValueTask DisposeAsync()
        {
            locks._held.Remove(name);
            lost.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
