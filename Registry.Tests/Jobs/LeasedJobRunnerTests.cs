using Registry.Api.Jobs;

namespace Registry.Tests.Jobs;

/// <summary>The leased-job runner on a real SQLite store and a fake clock: acquire, renew, loss, takeover, release.</summary>
public sealed class LeasedJobRunnerTests : IAsyncLifetime
{
    private const string Job = "janitor";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private readonly JobTestBed _bed = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Start_WithFreeLease_TakesItAndRunsTheJobAtOnce()
    {
        var job = new CountingJob();
        await _bed.StartAsync(_bed.Runner(job, Job, Interval));

        Assert.True(await JobTestBed.SettledAsync(() => job.Runs == 1));
        Assert.False(await _bed.CanTakeAsync(Job, "another-node"));
    }

    [Fact]
    public async Task Holding_RunsAgainEveryIntervalAndNotBefore()
    {
        var job = new CountingJob();
        await _bed.StartAsync(_bed.Runner(job, Job, Interval));
        Assert.True(await JobTestBed.SettledAsync(() => job.Runs == 1));

        Assert.False(await _bed.AdvanceUntilAsync(() => job.Runs > 1, Step, Interval - Step - Step));
        Assert.True(await _bed.AdvanceUntilAsync(() => job.Runs == 2, Step, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Holding_RenewsTheLeaseSoNoOtherOwnerTakesItLongPastItsTtl()
    {
        var job = new CountingJob();
        await _bed.StartAsync(_bed.Runner(job, Job, Interval));
        Assert.True(await JobTestBed.SettledAsync(() => job.Runs == 1));

        await _bed.AdvanceUntilAsync(() => false, Step, JobTestBed.Ttl * 4);

        Assert.False(await _bed.CanTakeAsync(Job, "another-node"));
    }

    [Fact]
    public async Task LostLease_CancelsTheRunningBody()
    {
        var job = new CountingJob { Block = true };
        var node = new NodeIdentity();
        await _bed.StartAsync(_bed.Runner(job, Job, Interval, node: node));
        Assert.True(await JobTestBed.SettledAsync(() => job.Runs == 1));

        // Another owner gets the lease behind the holder's back (as if the holder's clock or store had stalled).
        await _bed.Store.ReleaseLeaseAsync(Job, node.Id, CancellationToken.None);
        Assert.True(await _bed.CanTakeAsync(Job, "another-node"));

        Assert.True(await _bed.AdvanceUntilAsync(() => job.Cancelled == 1, Step, JobTestBed.Ttl));
        Assert.Equal(1, job.Runs);
    }

    [Fact]
    public async Task DeadHolder_IsTakenOverOnceItsLeaseExpiresAndNotBefore()
    {
        // A process killed right after renewing: its lease row stays until its expiry.
        Assert.True(await _bed.CanTakeAsync(Job, "killed-process"));
        var job = new CountingJob();
        await _bed.StartAsync(_bed.Runner(job, Job, Interval));

        Assert.False(await _bed.AdvanceUntilAsync(() => job.Runs > 0, Step, JobTestBed.Ttl - Step - Step));
        Assert.True(await _bed.AdvanceUntilAsync(() => job.Runs == 1, Step, JobTestBed.Ttl / 3 + Step + Step));
        Assert.False(await _bed.CanTakeAsync(Job, "killed-process"));
    }

    [Fact]
    public async Task TwoRunners_OnlyTheLeaseHolderRuns_AndTheOtherTakesOverWhenItStops()
    {
        var first = new CountingJob();
        var second = new CountingJob();
        LeasedJobRunner a = await _bed.StartAsync(_bed.Runner(first, Job, Interval));
        Assert.True(await JobTestBed.SettledAsync(() => first.Runs == 1));
        await _bed.StartAsync(_bed.Runner(second, Job, Interval));

        Assert.False(await _bed.AdvanceUntilAsync(() => second.Runs > 0, Step, JobTestBed.Ttl * 2));

        await a.StopAsync(CancellationToken.None);
        Assert.True(await _bed.AdvanceUntilAsync(() => second.Runs == 1, Step, JobTestBed.Ttl / 3 + Step));
        Assert.Equal(1, first.Runs);
    }

    [Fact]
    public async Task Stop_ReleasesTheLeaseAtOnce()
    {
        var job = new CountingJob();
        LeasedJobRunner runner = await _bed.StartAsync(_bed.Runner(job, Job, Interval));
        Assert.True(await JobTestBed.SettledAsync(() => job.Runs == 1));

        await runner.StopAsync(CancellationToken.None);

        Assert.True(await _bed.CanTakeAsync(Job, "another-node"));
    }

    [Fact]
    public async Task Stop_WhileTheBodyRuns_CancelsItAndReleasesTheLease()
    {
        var job = new CountingJob { Block = true };
        LeasedJobRunner runner = await _bed.StartAsync(_bed.Runner(job, Job, Interval));
        Assert.True(await JobTestBed.SettledAsync(() => job.Runs == 1));

        await runner.StopAsync(CancellationToken.None);

        Assert.Equal(1, job.Cancelled);
        Assert.True(await _bed.CanTakeAsync(Job, "another-node"));
    }

    [Fact]
    public async Task NodeScope_RunsWithoutTheLeaseEvenWhileAnotherOwnerHoldsIt()
    {
        Assert.True(await _bed.CanTakeAsync(Job, "another-node"));
        var job = new CountingJob();
        await _bed.StartAsync(_bed.Runner(job, Job, Interval, JobScope.Node));

        Assert.True(await JobTestBed.SettledAsync(() => job.Runs == 1));
        Assert.True(await _bed.AdvanceUntilAsync(() => job.Runs == 2, Step, Interval + Step));
    }

    [Fact]
    public async Task FailingRun_IsRetriedAtTheNextIntervalWithTheLeaseKept()
    {
        var job = new FailingJob();
        await _bed.StartAsync(_bed.Runner(job, Job, Interval));
        Assert.True(await JobTestBed.SettledAsync(() => job.Attempts == 1));

        Assert.True(await _bed.AdvanceUntilAsync(() => job.Attempts == 2, Step, Interval + Step));
        Assert.False(await _bed.CanTakeAsync(Job, "another-node"));
    }

    private sealed class FailingJob : ILeasedJob
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public Task RunOnceAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref _attempts);
            throw new InvalidOperationException("the store is down");
        }
    }
}
