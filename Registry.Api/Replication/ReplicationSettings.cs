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
}
