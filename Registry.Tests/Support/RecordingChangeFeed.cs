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

    public ValueTask PublishAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        lock (_changes)
        {
            _changes.AddRange(changes);
        }

        return ValueTask.CompletedTask;
    }
}
