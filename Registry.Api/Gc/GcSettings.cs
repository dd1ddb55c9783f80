using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Gc;

/// <summary>The <c>Registry:Gc</c> settings: online garbage collection of blob bytes (docs/gc.md).</summary>
public sealed class GcSettings
{
    public const string SectionName = "Registry:Gc";

    /// <summary>Run collection passes in the background (default true). The queue and pins are kept either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between background passes (default 1 minute).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a blob stays on the review queue after its last reference went, before a pass may delete it (default 24 hours).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan ReviewDelay { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a blob a client was told exists (PUT 201; at least half of it after HEAD 200 or mount 201) is safe from collection, whatever the
    /// review delay (default 1 hour): the time a client may take between checking a layer and pushing its manifest.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan PinDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Queue entries read per query during a pass (default 500); a pass goes on until nothing is due.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a blob upload, manifest push or artifact deploy waits for a deletion of the same digest to finish before answering 429 (default 30 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DeletingWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Collection passes kept in the run history (default 1000).</summary>
    [Range(1, 1_000_000)]
    public int RunHistory { get; set; } = 1000;
}
