using System.Data.Common;
using System.Diagnostics;
using System.Text;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// What the job failover tests share: the fleet jobs, the settings that make them run every second under a 5 s lease,
/// and polling the <c>leases</c> table of a real registry until one process holds them all.
/// </summary>
internal static class JobFailover
{
    /// <summary>The jobs that run on one node of the fleet at a time, each under the lease of its name.</summary>
    public static readonly IReadOnlyList<string> FleetJobs = ["upload-janitor", "event-pruner", "gc", "retention-scheduler"];

    /// <summary>The lease time-to-live the tests run with (Registry__Jobs__LeaseTtl).</summary>
    public static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after the old lease could have expired the new holder may take to notice: a process without the lease
    /// retries every third of the time-to-live, plus time for the poll and a loaded machine.
    /// </summary>
    public static readonly TimeSpan Slack = LeaseTtl / 3 + TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Short lease and intervals; the job runner's Debug lines ("Job gc ran in … ms") show every run.</summary>
    public static Dictionary<string, string> Settings() => new()
    {
        ["Registry__Jobs__LeaseTtl"] = "00:00:05",
        ["Registry__Uploads__SweepInterval"] = "00:00:01",
        ["Registry__Gc__Interval"] = "00:00:01",
        ["Registry__Retention__PollInterval"] = "00:00:01",
        ["Logging__LogLevel__Registry.Api.Jobs"] = "Debug",
    };

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
