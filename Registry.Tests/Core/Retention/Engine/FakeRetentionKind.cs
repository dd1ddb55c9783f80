using Registry.Core.Changes;
using Registry.Core.Retention;

namespace Registry.Tests.Core.Retention.Engine;

/// <summary>A policy of the fake kind: its name, the units its plan names, and its timing.</summary>
internal sealed record FakePolicy(string Name, IReadOnlyList<string> Units, RetentionTiming Timing);

/// <summary>A run as the fake kind records it.</summary>
internal sealed record FakeRun(long Id, string Policy, RetentionRunInfo Info, IReadOnlyList<string> Done, bool Finished);

/// <summary>
/// A retention kind in memory, for the engine's tests: a plan of named units; applying a unit records it as done,
/// unless it is in <see cref="Failing"/> (it throws) or it is the unit <see cref="OnApply"/> acts on first (to stop
/// the run, or take its lock away, in the middle).
/// </summary>
internal sealed class FakeRetentionKind : IRetentionKind<FakePolicy, FakeWork, FakeRun>
{
    public List<FakePolicy> Policies { get; } = [];

    public List<FakeRun> Runs { get; } = [];

    public HashSet<string> Failing { get; } = [];

    public Exception? PlanningFails { get; set; }

    public Action<string>? OnApply { get; set; }

    public Dictionary<string, DateTimeOffset?> Claimed { get; } = [];

    public List<(string Unit, Actor Actor)> Applied { get; } = [];

    public string LockName(FakePolicy policy) => "fake:" + policy.Name;

    public string ActorName(FakePolicy policy) => "retention:" + policy.Name;

    public RetentionTiming Timing(FakePolicy policy)
        => Claimed.TryGetValue(policy.Name, out DateTimeOffset? at) ? policy.Timing with { LastScheduledAt = at } : policy.Timing;

    public ValueTask<IReadOnlyList<FakePolicy>> ListScheduledAsync(CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<FakePolicy>>([.. Policies.Where(p => p.Timing.Schedule is not null)]);

    public ValueTask<bool> ClaimScheduledRunAsync(FakePolicy policy, DateTimeOffset? previous, DateTimeOffset at, CancellationToken ct)
    {
        if (Timing(policy).LastScheduledAt != previous)
        {
            return ValueTask.FromResult(false);
        }

        Claimed[policy.Name] = at;
        return ValueTask.FromResult(true);
    }

    public Task<FakeWork> PlanAsync(FakePolicy policy, DateTimeOffset now, CancellationToken ct)
        => PlanningFails is { } failure ? Task.FromException<FakeWork>(failure) : Task.FromResult(new FakeWork(this, policy.Units));

    public ValueTask<FakeRun> RecordAsync(FakePolicy policy, RetentionRunInfo run, FakeWork? work, CancellationToken ct)
    {
        Assert.False(ct.CanBeCanceled, "a run is recorded whatever stopped it");
        var recorded = new FakeRun(Runs.Count + 1, policy.Name, run, work?.Done ?? [], work?.Finished ?? false);
        Runs.Add(recorded);
        return ValueTask.FromResult(recorded);
    }
}
