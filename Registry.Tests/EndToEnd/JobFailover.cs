using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Registry.Api.Jobs;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// What the job failover tests share: the fleet jobs, the settings that make them run every second, and polling the
/// <c>leases</c> table of a real registry until one process holds them all.
/// </summary>
internal static class JobFailover
{
    /// <summary>The jobs that run on one node of the fleet at a time, each under the lease of its name.</summary>
    public static readonly IReadOnlyList<string> FleetJobs = ["upload-janitor", "event-pruner", "gc", "retention-scheduler"];

    /// <summary>A short lease time-to-live (Registry__Jobs__LeaseTtl), so a test sees several renewals within seconds.</summary>
    public static readonly TimeSpan ShortLeaseTtl = TimeSpan.FromSeconds(9);

    /// <summary>The registry's default lease time-to-live, what a registry without Registry__Jobs__LeaseTtl runs with.</summary>
    public static readonly TimeSpan DefaultLeaseTtl = new JobSettings().LeaseTtl;

    /// <summary>
    /// What a takeover may take beyond the time-to-live: the poll of the table, timers and store calls on a loaded
    /// machine. Far less than the third of the time-to-live a takeover used to come late by.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(1500);

    /// <summary>How long after the takeover every job must have completed a run (each runs at once when taken).</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Jobs every second (the event pruner's hour is fixed: it runs when taken), the lease time-to-live
    /// <paramref name="leaseTtl"/> (null: the default); the job runner's Debug lines ("Job gc ran in … ms") show every run.
    /// </summary>
    public static Dictionary<string, string> Settings(TimeSpan? leaseTtl)
    {
        var settings = new Dictionary<string, string>
        {
            ["Registry__Uploads__SweepInterval"] = "00:00:01",
            ["Registry__Gc__Interval"] = "00:00:01",
            ["Registry__Retention__PollInterval"] = "00:00:01",
            ["Logging__LogLevel__Registry.Api.Jobs"] = "Debug",
        };
        if (leaseTtl is { } ttl)
        {
            settings["Registry__Jobs__LeaseTtl"] = ttl.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>
    /// Polls the leases until every fleet job's is held by an owner starting with <paramref name="holderPrefix"/>
    /// (and unexpired); returns, per job, when that was first seen, as time since <paramref name="since"/>
    /// (a <see cref="Stopwatch"/> timestamp). Fails once <paramref name="deadline"/> after <paramref name="since"/> has passed.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, TimeSpan>> WaitUntilHeldAsync(
        Func<CancellationToken, Task<IReadOnlyDictionary<string, LeaseRow>>> read,
        string holderPrefix,
        long since,
        TimeSpan deadline,
        CancellationToken ct)
    {
        var seen = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, LeaseRow> last = new Dictionary<string, LeaseRow>();
        string? lastError = null;
        while (true)
        {
            try
            {
                last = await read(ct);
                lastError = null;
            }
            catch (DbException e)
            {
                // The writer may hold the database for a moment; the next poll reads again.
                lastError = e.Message;
            }

            TimeSpan elapsed = Stopwatch.GetElapsedTime(since);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            foreach (string job in FleetJobs)
            {
                if (!seen.ContainsKey(job) && last.TryGetValue(job, out LeaseRow? row)
                    && row.Holder.StartsWith(holderPrefix, StringComparison.Ordinal) && row.ExpiresAt > now)
                {
                    seen[job] = elapsed;
                }
            }

            if (seen.Count == FleetJobs.Count)
            {
                return seen;
            }

            if (elapsed > deadline)
            {
                Assert.Fail($"After {elapsed.TotalSeconds:F1} s (deadline {deadline.TotalSeconds:F1} s) the fleet leases are not all held by " +
                    $"{holderPrefix}*:\n{Describe(last)}{(lastError is null ? "" : $"\nlast read failed: {lastError}")}");
            }

            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>
    /// Waits until the holder renews one of the fleet leases (its expiry moves), so that a kill right after leaves
    /// the longest-lived row behind: the worst moment to die.
    /// </summary>
    public static async Task WaitForRenewalAsync(Func<CancellationToken, Task<IReadOnlyDictionary<string, LeaseRow>>> read, TimeSpan leaseTtl, CancellationToken ct)
    {
        IReadOnlyDictionary<string, LeaseRow> first = await read(ct);
        var since = Stopwatch.GetTimestamp();
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), ct);
            IReadOnlyDictionary<string, LeaseRow> now;
            try
            {
                now = await read(ct);
            }
            catch (DbException)
            {
                continue;
            }

            if (FleetJobs.Any(job => now.TryGetValue(job, out LeaseRow? row) && first.TryGetValue(job, out LeaseRow? before)
                && row.Holder == before.Holder && row.ExpiresAt > before.ExpiresAt))
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(since) > leaseTtl)
            {
                Assert.Fail($"No fleet lease was renewed within {leaseTtl.TotalSeconds:F0} s:\n{Describe(now)}");
            }
        }
    }

    /// <summary>Waits until the output shows a completed run of every fleet job ("Job NAME ran in").</summary>
    public static async Task WaitUntilRanAsync(Func<string> output, TimeSpan timeout, CancellationToken ct)
    {
        var since = Stopwatch.GetTimestamp();
        while (true)
        {
            string text = output();
            string[] missing = FleetJobs.Where(job => !text.Contains($"Job {job} ran in ", StringComparison.Ordinal)).ToArray();
            if (missing.Length == 0)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(since) > timeout)
            {
                Assert.Fail($"No completed run of {string.Join(", ", missing)} within {timeout.TotalSeconds:F0} s of the takeover.");
            }

            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>The output a registry printed after the last line containing <paramref name="marker"/>.</summary>
    public static string After(string output, string marker)
    {
        int at = output.LastIndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? output : output[(at + marker.Length)..];
    }

    public static string Describe(IReadOnlyDictionary<string, LeaseRow> leases)
    {
        var text = new StringBuilder();
        foreach (LeaseRow row in leases.Values.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            text.Append("  ").Append(row.Name).Append(" held by ").Append(row.Holder).Append(" until ").AppendLine(row.ExpiresAt.ToString("O"));
        }

        return text.Length == 0 ? "  (no leases)\n" : text.ToString();
    }

    public static string Describe(IReadOnlyDictionary<string, TimeSpan> times)
        => string.Join(", ", FleetJobs.Select(job => $"{job} {times[job].TotalSeconds:F2} s"));
}
