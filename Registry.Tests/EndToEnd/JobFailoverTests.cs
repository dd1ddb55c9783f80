using System.Diagnostics;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The fleet jobs survive <c>kill -9</c> on SQLite: a registry process holding every job's lease is killed, and the
/// process started again on the same data directory takes every lease over and runs the jobs once the dead
/// process's leases expire (within the lease time-to-live of the kill, plus one retry), not minutes later.
/// </summary>
public sealed class JobFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string StartMarker = "--- the test starts the registry again ---";
    private RegistryProcess? registry;

    public async Task InitializeAsync() => registry = await RegistryProcess.StartAsync(JobFailover.Settings());

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
        IReadOnlyDictionary<string, LeaseRow> before = await Read(ct);

        long killed = Stopwatch.GetTimestamp();
        await node.KillAsync();
        await node.StartAgainAsync(ct);
        TimeSpan ready = Stopwatch.GetElapsedTime(killed);
        string second = node.NodeIdPrefix;
        Assert.NotEqual(first, second);

        // The dead process's leases expire at most one time-to-live after the kill; the new process takes each
        // at its next attempt (at start, then every third of the time-to-live).
        TimeSpan deadline = (ready > JobFailover.LeaseTtl ? ready : JobFailover.LeaseTtl) + JobFailover.Slack;
        IReadOnlyDictionary<string, TimeSpan> taken = await JobFailover.WaitUntilHeldAsync(Read, second, killed, deadline, ct);
        output.WriteLine($"Leases before the kill:\n{JobFailover.Describe(before)}");
        output.WriteLine($"Restarted process ready {ready.TotalSeconds:F2} s after the kill; leases taken over after: {JobFailover.Describe(taken)} (deadline {deadline.TotalSeconds:F2} s)");

        await JobFailover.WaitUntilRanAsync(() => JobFailover.After(node.RecentOutput(4000), StartMarker), JobFailover.Slack, ct);
    }
}
