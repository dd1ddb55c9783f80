namespace Registry.Api.Jobs;

/// <summary>
/// The <c>Registry:Jobs</c> settings: the time-to-live of the leases fleet-wide background jobs hold. A holder renews
/// its lease every third of it; when the holder dies (even <c>kill -9</c>), another process or node takes the job
/// over once the lease has expired, within this time of the death (<see cref="JobLeases"/>).
/// </summary>
public sealed class JobSettings
{
    public const string SectionName = "Registry:Jobs";

    /// <summary>Lease time-to-live of every job without its own (default 30 seconds).</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-job lease time-to-live, by job name (e.g. <c>Registry:Jobs:LeaseTtls:gc=00:01:00</c>).</summary>
    public Dictionary<string, TimeSpan> LeaseTtls { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The lease time-to-live of the named job.</summary>
    public TimeSpan TtlOf(string job) => LeaseTtls.TryGetValue(job, out TimeSpan ttl) ? ttl : LeaseTtl;

    /// <summary>A message naming the first invalid value, or null.</summary>
    public string? Problem()
    {
        TimeSpan min = TimeSpan.FromMilliseconds(30);
        TimeSpan max = TimeSpan.FromMinutes(10);
        if (LeaseTtl < min || LeaseTtl > max)
        {
            return "Registry:Jobs:LeaseTtl must be between 30 ms and 10 minutes";
        }

        foreach ((string job, TimeSpan ttl) in LeaseTtls)
        {
            if (ttl < min || ttl > max)
            {
                return $"Registry:Jobs:LeaseTtls:{job} must be between 30 ms and 10 minutes";
            }
        }

        return null;
    }
}
