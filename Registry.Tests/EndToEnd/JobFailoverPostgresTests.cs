using System.Diagnostics;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The fleet jobs survive <c>kill -9</c> of a node on PostgreSQL: of two registry processes on one database, the one
/// holding every job's lease is killed right after renewing one (the worst moment), and the other takes every lease
/// over and runs the jobs within the lease time-to-live of the kill, while before the kill it ran none of them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JobFailoverPostgresTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory blobs = TempDirectory.Create("e2e-job-failover-");
    private readonly List<RegistryProcess> nodes = [];
    private string database = "";

    public async Task InitializeAsync() => database = await postgres.CreateDatabaseAsync(maxPoolSize: 30);

    public async Task DisposeAsync()
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            output.WriteLine($"--- node {i} output ---");
            output.WriteLine(nodes[i].RecentOutput(300));
            await nodes[i].DisposeAsync();
        }

        blobs.Dispose();
    }

    [Fact]
    public async Task KilledHolder_SecondNode_TakesEveryFleetLeaseWithinTtlAndRunsTheJobs()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        CancellationToken ct = timeout.Token;
        TimeSpan ttl = JobFailover.ShortLeaseTtl;
        Dictionary<string, string> environment = JobFailover.Settings(ttl);
        environment["Registry__Metadata__Provider"] = "postgres";
        environment["Registry__Metadata__ConnectionString"] = database;
        environment["Registry__Storage__Path"] = blobs.Path;
        Task<IReadOnlyDictionary<string, LeaseRow>> Read(CancellationToken token) => LeaseTable.ReadPostgresAsync(database, token);

        // The first node takes every lease before the second starts, so it is the one holding them all.
        RegistryProcess holder = await StartNodeAsync(environment, ct);
        string first = holder.NodeIdPrefix;
        await JobFailover.WaitUntilHeldAsync(Read, first, Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(30), ct);
        RegistryProcess standby = await StartNodeAsync(environment, ct);
        string second = standby.NodeIdPrefix;

        // A few renewals later the standby has taken nothing and run no fleet job.
        await Task.Delay(ttl, ct);
        IReadOnlyDictionary<string, LeaseRow> before = await Read(ct);
        Assert.All(JobFailover.FleetJobs, job => Assert.StartsWith(first, before[job].Holder, StringComparison.Ordinal));
        string standbyBefore = standby.RecentOutput(4000);
        Assert.All(JobFailover.FleetJobs, job => Assert.DoesNotContain($"Job {job} ran in ", standbyBefore, StringComparison.Ordinal));

        await JobFailover.WaitForRenewalAsync(Read, ttl, ct);
        long killed = Stopwatch.GetTimestamp();
        DateTimeOffset killedAt = DateTimeOffset.UtcNow;
        await holder.KillAsync();
        IReadOnlyDictionary<string, LeaseRow> left = await Read(ct);
        TimeSpan deadline = ttl + JobFailover.Margin;
        IReadOnlyDictionary<string, TimeSpan> taken = await JobFailover.WaitUntilHeldAsync(Read, second, killed, deadline, ct);
        output.WriteLine($"Killed at {killedAt:O}; leases it left:\n{JobFailover.Describe(left)}");
        output.WriteLine($"Leases taken over by the second node after: {JobFailover.Describe(taken)} (deadline {deadline.TotalSeconds:F2} s)");

        await JobFailover.WaitUntilRanAsync(() => standby.RecentOutput(4000), JobFailover.RunTimeout, ct);
    }

    private async Task<RegistryProcess> StartNodeAsync(Dictionary<string, string> environment, CancellationToken ct)
    {
        RegistryProcess node = await RegistryProcess.StartAsync(environment, ct);
        nodes.Add(node);
        return node;
    }
}
