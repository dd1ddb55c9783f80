using Registry.Core.Changes;

namespace Registry.Tests.Support;

/// <summary>A change feed that keeps what the application services announced, for tests of those services.</summary>
internal sealed class RecordingChangeFeed : IChangeFeed
{
    private readonly List<ChangeRecord> _changes = [];

    public IReadOnlyList<ChangeRecord> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    /// <summary>Runs the change (no transaction: the stores of these tests write at once) and keeps what it announced.</summary>
    public async ValueTask<T> RecordAsync<T>(Func<CancellationToken, ValueTask<T>> change, Func<T, IReadOnlyList<ChangeRecord>> announce, CancellationToken ct)
    {
        T result = await change(ct);
        IReadOnlyList<ChangeRecord> changes = announce(result);
        lock (_changes)
        {
            _changes.AddRange(changes);
        }

        return result;
    }
}
