using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Replication;

/// <summary>The <c>Registry:Replication</c> section (docs/configuration.md): how replication runs send content.</summary>
public sealed class ReplicationSettings
{
    public const string SectionName = "Registry:Replication";

    /// <summary>
    /// Blobs up to this many bytes are uploaded in one request; larger ones in PATCH chunks of this size (default
    /// 16 MiB), each streamed from the blob store.
    /// </summary>
    [Range(64 * 1024, 1024L * 1024 * 1024)]
    public long ChunkSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long a run's lease lives without renewal before another node may run the rule (default 2 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the node holding the <c>replication-scheduler</c> lease looks for cron rules and retries that are due (default 15 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after a run that could not reach the other registry the rule runs again (default 30 seconds); each retry that fails the same way doubles it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between retries (default 30 minutes); at least <see cref="RetryFirstDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Retries after a run that could not reach the other registry before the rule waits for its next trigger (default 8; 0: no retries).</summary>
    [Range(0, 100)]
    public int RetryAttempts { get; set; } = 8;

    /// <summary>The retry rule these settings make.</summary>
    public Core.Replication.ReplicationBackoff Backoff() => new(RetryFirstDelay, RetryMaxDelay, RetryAttempts);
}
