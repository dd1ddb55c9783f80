using System.Diagnostics;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The fleet jobs survive <c>kill -9</c> on SQLite: a registry process holding every job's lease is killed right
/// after renewing one (the worst moment), and the process started again on the same data directory takes every lease
/// over and runs the jobs within the lease time-to-live of the kill (or at once, if it starts later than that). It runs
/// with the default time-to-live, 30 s, so that the lease, not the start of the process, sets the time.
/// </summary>
public sealed class JobFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string StartMarker = "--- the test starts the registry again ---";
    private RegistryProcess? registry;

    public async Task InitializeAsync() => registry = await RegistryProcess.StartAsync(JobFailover.Settings(leaseTtl: null));

    public async Task DisposeAsync()
    {
        if (registry is not null)
        {
            output.WriteLine("--- registry output ---");
            output.WriteLine(registry.RecentOutput(300));
            await registry.DisposeAsync();
        }
    }

    [Fact]
    public async Task KilledHolder_RestartedProcessOnSameData_TakesEveryFleetLeaseWithinTtlAndRunsTheJobs()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        CancellationToken ct = timeout.Token;
        RegistryProcess node = registry!;
        Task<IReadOnlyDictionary<string, LeaseRow>> Read(CancellationToken token) => LeaseTable.ReadSqliteAsync(node.DataPath, token);

        string first = node.NodeIdPrefix;
        await JobFailover.WaitUntilHeldAsync(Read, first, Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(30), ct);
        TimeSpan ttl = JobFailover.DefaultLeaseTtl;
        await JobFailover.WaitForRenewalAsync(Read, ttl, ct);

        long killed = Stopwatch.GetTimestamp();
        DateTimeOffset killedAt = DateTimeOffset.UtcNow;
        await node.KillAsync();
        IReadOnlyDictionary<string, LeaseRow> left = await Read(ct);
        await node.StartAgainAsync(ct);
        TimeSpan ready = Stopwatch.GetElapsedTime(killed);
        string second = node.NodeIdPrefix;
        Assert.NotEqual(first, second);

        // Within the time-to-live of the kill; a process that became ready only after that takes them at its first
        // attempts, which it makes while starting.
        TimeSpan deadline = (ready > ttl ? ready : ttl) + JobFailover.Margin;
        IReadOnlyDictionary<string, TimeSpan> taken = await JobFailover.WaitUntilHeldAsync(Read, second, killed, deadline, ct);
        output.WriteLine($"Killed at {killedAt:O}; leases it left:\n{JobFailover.Describe(left)}");
        output.WriteLine($"Restarted process ready {ready.TotalSeconds:F2} s after the kill; leases taken over after: {JobFailover.Describe(taken)} (deadline {deadline.TotalSeconds:F2} s)");

        await JobFailover.WaitUntilRanAsync(() => JobFailover.After(node.RecentOutput(4000), StartMarker), JobFailover.RunTimeout, ct);
    }
}
