using Microsoft.Extensions.Time.Testing;
using Registry.Core.Changes;
using Registry.Core.Retention;

namespace Registry.Tests.Core.Retention.Engine;

/// <summary>
/// The one retention engine, with a kind in memory: what it does around the kind's plan and deletes — locks, dry and
/// real runs, failures, stops, recording, schedules — the same for images and artifacts.
/// </summary>
public sealed class RetentionEngineTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly RetentionRequest Manual = new(RetentionRun.Manual, new Registry.Core.Changes.Actor(Registry.Core.Changes.ActorKind.User, "alice"), DryRun: false);
    private static readonly RetentionRequest DryRun = new(RetentionRun.Manual, new Registry.Core.Changes.Actor(Registry.Core.Changes.ActorKind.User, "alice"), DryRun: true);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeRunLocks _locks = new();
    private readonly FakeRetentionKind _kind = new();
    private readonly RetentionEngine _engine;

    public RetentionEngineTests() => _engine = new RetentionEngine(_locks, new FixedSchedule(TimeSpan.FromHours(1)), _time);

    private static FakePolicy Policy(string name, params string[] units)
        => new(name, units, new RetentionTiming(null, true, Start, null));

    [Fact]
    public async Task ADryRun_RecordsThePlan_DeletesNothing_AndTakesNoLock()
    {
        await using IRetentionRunLock? held = await _locks.TryTakeAsync("fake:p", CancellationToken.None);   // a real run of it is going on

        var attempt = await _engine.RunAsync(_kind, Policy("p", "a", "b"), DryRun, CancellationToken.None);

        Assert.False(attempt.Busy);
        Assert.Empty(_kind.Applied);
        FakeRun run = Assert.Single(_kind.Runs);
        Assert.Same(run, attempt.Run);
        Assert.Equal(["a", "b"], attempt.Work!.Units);
        Assert.Equal((true, "alice", RetentionRun.Manual, 0, false), (run.Info.Request.DryRun, run.Info.Request.StartedBy.Name, run.Info.Request.Trigger, run.Info.Errors.Count, run.Finished));
    }

    [Fact]
    public async Task ARealRun_DeletesEveryUnitAsThePolicysSystemActor_FinishesAndRecords_AndReleasesItsLock()
    {
        var attempt = await _engine.RunAsync(_kind, Policy("p", "a", "b"), Manual, CancellationToken.None);

        Assert.Equal(["a", "b"], _kind.Applied.Select(a => a.Unit));
        Assert.All(_kind.Applied, a => Assert.Equal(Actor.System("retention:p"), a.Actor));
        FakeRun run = Assert.Single(_kind.Runs);
        Assert.Equal(["a", "b"], run.Done);
        Assert.Equal((true, 0), (run.Finished, run.Info.Errors.Count));
        Assert.Same(run, attempt.Run);
        Assert.Empty(_locks.Held);
    }

    [Fact]
    public async Task TheTimesOfARun_AreThoseOfTheClock()
    {
        _kind.OnApply = _ => _time.Advance(TimeSpan.FromMinutes(1));

        await _engine.RunAsync(_kind, Policy("p", "a", "b", "c"), Manual, CancellationToken.None);

        FakeRun run = Assert.Single(_kind.Runs);
        Assert.Equal((Start, Start.AddMinutes(3)), (run.Info.StartedAt, run.Info.FinishedAt));
    }

    [Fact]
    public async Task ARealRun_WhileAnotherHoldsThePolicysLock_IsBusy_AndRecordsNothing()
    {
        await using IRetentionRunLock? other = await _locks.TryTakeAsync("fake:p", CancellationToken.None);

        var attempt = await _engine.RunAsync(_kind, Policy("p", "a"), Manual, CancellationToken.None);

        Assert.True(attempt.Busy);
        Assert.Null(attempt.Run);
        Assert.Empty(_kind.Runs);
        Assert.Empty(_kind.Applied);
    }

    // Artifact runs used to stop at the first version whose delete failed, and record none of what they had deleted.
    [Fact]
    public async Task AUnitThatFails_IsAnErrorNamingIt_TheOtherUnitsStillGo_AndWhatWasDoneIsRecorded()
    {
        _kind.Failing.Add("b");

        await _engine.RunAsync(_kind, Policy("p", "a", "b", "c"), Manual, CancellationToken.None);

        FakeRun run = Assert.Single(_kind.Runs);
        Assert.Equal(["a", "c"], run.Done);
        Assert.Equal(["b: refused"], run.Info.Errors);
        Assert.True(run.Finished);
    }

    // Artifact runs stopped by the node's shutdown used to be recorded not at all.
    [Fact]
    public async Task ARunStoppedInTheMiddle_IsRecordedWithWhatItDidAndTheStop()
    {
        using var stopping = new CancellationTokenSource();
        _kind.OnApply = unit =>
        {
            if (unit == "b")
            {
                stopping.Cancel();
            }
        };

        var attempt = await _engine.RunAsync(_kind, Policy("p", "a", "b", "c"), Manual, stopping.Token);

        FakeRun run = Assert.Single(_kind.Runs);
        Assert.Same(run, attempt.Run);
        Assert.Equal(["a"], run.Done);
        Assert.Equal([RetentionEngine.Stopped], run.Info.Errors);
        Assert.True(run.Finished);
        Assert.Empty(_locks.Held);
    }

    // Both kinds used to run on after their lease was lost, beside the run of the node that took it over.
    [Fact]
    public async Task ARunWhoseLockIsLost_StopsBeforeTheNextUnit_AndIsRecordedWithTheStop()
    {
        _kind.OnApply = unit =>
        {
            if (unit == "b")
            {
                _locks.TakeAway("fake:p");
            }
        };

        await _engine.RunAsync(_kind, Policy("p", "a", "b", "c"), Manual, CancellationToken.None);

        FakeRun run = Assert.Single(_kind.Runs);
        Assert.Equal(["a"], run.Done);
        Assert.Equal([RetentionEngine.Stopped], run.Info.Errors);
        Assert.DoesNotContain(_kind.Applied, a => a.Unit == "c");
    }

    // An image dry run whose planning failed used to throw (a 500 with nothing recorded).
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ARunWhosePlanningFails_IsRecordedWithTheError(bool dryRun)
    {
        _kind.PlanningFails = new InvalidOperationException("the store is gone");

        var attempt = await _engine.RunAsync(_kind, Policy("p", "a"), Manual with { DryRun = dryRun }, CancellationToken.None);

        FakeRun run = Assert.Single(_kind.Runs);
        Assert.Equal(["the store is gone"], run.Info.Errors);
        Assert.Null(attempt.Work);
        Assert.Empty(_kind.Applied);
        Assert.Empty(_locks.Held);
    }

    [Fact]
    public async Task ADuePolicy_RunsOnceAsTheScheduler_MissedFireTimesCollapse_AndPoliciesNotDueOrDisabledDoNotRun()
    {
        RetentionTiming scheduled = new("every hour", true, Start, null);
        _kind.Policies.Add(new FakePolicy("due", ["a"], scheduled));
        _kind.Policies.Add(new FakePolicy("disabled", ["a"], scheduled with { Enabled = false }));
        _kind.Policies.Add(new FakePolicy("manual", ["a"], scheduled with { Schedule = null }));
        _kind.Policies.Add(new FakePolicy("later", ["a"], scheduled with { UpdatedAt = Start.AddHours(5) }));
        Assert.Empty(await _engine.RunDueAsync(_kind, CancellationToken.None));

        _time.Advance(TimeSpan.FromHours(5));
        var due = Assert.Single(await _engine.RunDueAsync(_kind, CancellationToken.None));
        Assert.Equal("due", due.Policy.Name);
        Assert.Equal((RetentionRun.Scheduled, "scheduler", false), (due.Run!.Info.Request.Trigger, due.Run.Info.Request.StartedBy.Name, due.Run.Info.Request.DryRun));
        Assert.Equal(_time.GetUtcNow(), _kind.Claimed["due"]);
        Assert.DoesNotContain(await _engine.RunDueAsync(_kind, CancellationToken.None), d => d.Policy.Name == "due");

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(["due", "later"], (await _engine.RunDueAsync(_kind, CancellationToken.None)).Select(d => d.Policy.Name));
    }

    [Fact]
    public async Task ADuePolicyWhoseLockIsHeld_IsClaimedButNotRun_AndSaysSo()
    {
        _kind.Policies.Add(new FakePolicy("due", ["a"], new RetentionTiming("every hour", true, Start, null)));
        await using IRetentionRunLock? other = await _locks.TryTakeAsync("fake:due", CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));

        var due = Assert.Single(await _engine.RunDueAsync(_kind, CancellationToken.None));

        Assert.Null(due.Run);
        Assert.Empty(_kind.Runs);
        Assert.True(_kind.Claimed.ContainsKey("due"));
    }

    [Fact]
    public async Task ADuePolicyAnotherNodeClaimedFirst_DoesNotRunHere()
    {
        var policy = new FakePolicy("due", ["a"], new RetentionTiming("every hour", true, Start, null));
        _kind.Policies.Add(policy);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.True(await _kind.ClaimScheduledRunAsync(policy, null, Start.AddMinutes(59), CancellationToken.None));   // the other node

        Assert.Empty(await _engine.RunDueAsync(_kind, CancellationToken.None));
        Assert.Empty(_kind.Runs);
    }
}
