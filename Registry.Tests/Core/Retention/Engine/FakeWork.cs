using Registry.Core.Changes;
using Registry.Core.Retention;

namespace Registry.Tests.Core.Retention.Engine;

/// <summary>The fake kind's work: units applied in order, each recorded as done unless it fails.</summary>
internal sealed class FakeWork(FakeRetentionKind kind, IReadOnlyList<string> units) : IRetentionWork
{
    public IReadOnlyList<string> Units => units;

    public List<string> Done { get; } = [];

    public bool Finished { get; private set; }

    public Task ApplyAsync(int index, Actor actor, CancellationToken ct)
    {
        string unit = units[index];
        kind.OnApply?.Invoke(unit);
        ct.ThrowIfCancellationRequested();
        kind.Applied.Add((unit, actor));
        if (kind.Failing.Contains(unit))
        {
            throw new InvalidOperationException("refused");
        }

        Done.Add(unit);
        return Task.CompletedTask;
    }

    public Task FinishAsync(Actor actor, bool dryRun, CancellationToken ct)
    {
        Finished = !dryRun;
        return Task.CompletedTask;
    }
}
