using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Registry.Api.Jobs;

namespace Registry.Tests.Jobs;

/// <summary>
/// The promise of <c>Registry:Jobs:LeaseTtl</c>: a holder that dies, even right after renewing its lease and just
/// after another node's attempt to take it, has its job taken over within the time-to-live of its death.
/// </summary>
public sealed class LeaseTakeoverBoundTests : IAsyncLifetime
{
    private const string Job = "janitor";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);
    private readonly JobTestBed _bed = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task HolderKilledJustAfterRenewing_IsTakenOverWithinTheTtlOfTheKill()
    {
        // A holder whose own clock never moves: it takes and renews the lease as every holder does (through
        // JobLeases, on the store's clock), but renews nothing by itself, as after kill -9.
        var holder = new JobLeases(_bed.Store, new FakeTimeProvider(_bed.Time.GetUtcNow()), NullLogger<JobLeases>.Instance);
        Assert.NotNull(await holder.TryTakeAsync(Job, "killed-process", JobTestBed.Ttl, CancellationToken.None));
        var job = new CountingJob();
        var standbyClock = new WaitWatchingClock(_bed.Time);
        await _bed.StartAsync(_bed.Runner(job, Job, Interval, time: standbyClock));

        // The standby's first attempt, at once, is refused: once it has been made, the standby waits on the clock
        // (to try again), which the fake clock stands still for; a standby that took the lease would have run the job.
        await standbyClock.NextWaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, job.Runs);

        // A second later the holder renews, so just after the standby's attempt, and dies.
        _bed.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await holder.TryTakeAsync(Job, "killed-process", JobTestBed.Ttl, CancellationToken.None));

        Assert.True(await _bed.AdvanceUntilAsync(() => job.Runs == 1, Step, JobTestBed.Ttl),
            $"the job was not taken over within {JobTestBed.Ttl} of its holder's death");
        Assert.False(await _bed.CanTakeAsync(Job, "killed-process"));
    }
}
