using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Registry.Api.Jobs;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Tests.Jobs;

/// <summary>
/// A real SQLite metadata store and the lease machinery, both on one <see cref="FakeTimeProvider"/>, for runners the
/// test starts and stops. The clock only moves when the test advances it.
/// </summary>
internal sealed class JobTestBed : IAsyncDisposable
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = TempDirectory.Create("registry-jobs-");
    private readonly List<LeasedJobRunner> _started = [];

    public JobTestBed()
    {
        var sqlite = Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(_directory.Path, "registry.db")}" });
        Store = new SqliteMetadataStore(new SqliteConnectionFactory(sqlite), Time);
        Store.MigrateAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Leases = new JobLeases(Store, Time, NullLogger<JobLeases>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public SqliteMetadataStore Store { get; }

    public JobLeases Leases { get; }

    /// <summary>
    /// A runner as one process would have it (its own node identity), on <see cref="Time"/> or on <paramref name="time"/>
    /// (a view of it, such as a <see cref="WaitWatchingClock"/>).
    /// </summary>
    public LeasedJobRunner Runner(ILeasedJob job, string name, TimeSpan interval, JobScope scope = JobScope.Fleet, NodeIdentity? node = null, TimeProvider? time = null)
        => new(new JobDefinition(name, scope), job, new JobSchedule(interval), Leases, node ?? new NodeIdentity(),
            Options.Create(new JobSettings { LeaseTtl = Ttl }), time ?? Time, NullLogger<LeasedJobRunner>.Instance);

    public async Task<LeasedJobRunner> StartAsync(LeasedJobRunner runner)
    {
        _started.Add(runner);
        await runner.StartAsync(CancellationToken.None);
        return runner;
    }

    /// <summary>True when <paramref name="owner"/> could take the lease now (it is free, expired or already its own); takes it then.</summary>
    public Task<bool> CanTakeAsync(string name, string owner) => Store.TryAcquireLeaseAsync(name, owner, Ttl, CancellationToken.None).AsTask();

    /// <summary>
    /// Moves the fake clock forward step by step until <paramref name="condition"/> holds, giving the runners' store
    /// calls (real I/O on other threads) a moment after each step; false when <paramref name="limit"/> of fake time
    /// passed first.
    /// </summary>
    public async Task<bool> AdvanceUntilAsync(Func<bool> condition, TimeSpan step, TimeSpan limit)
    {
        DateTimeOffset end = Time.GetUtcNow() + limit;
        while (!await WaitAsync(condition, attempts: 5))
        {
            if (Time.GetUtcNow() + step > end)
            {
                return false;
            }

            Time.Advance(step);
        }

        return true;
    }

    /// <summary>Waits (real time, at most 2 s) for the condition without moving the fake clock.</summary>
    public static Task<bool> SettledAsync(Func<bool> condition) => WaitAsync(condition, attempts: 400);

    private static async Task<bool> WaitAsync(Func<bool> condition, int attempts)
    {
        for (int i = 0; i < attempts; i++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(5);
        }

        return condition();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (LeasedJobRunner runner in _started)
        {
            await runner.StopAsync(CancellationToken.None);
            runner.Dispose();
        }

        _directory.Dispose();
    }
}
