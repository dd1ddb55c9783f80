using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Preheat;

/// <summary>The <c>Registry:Preheat</c> section (docs/configuration.md): how this registry asks its edges to prefetch images.</summary>
public sealed class PreheatSettings
{
    public const string SectionName = "Registry:Preheat";

    /// <summary>How long one edge may take to answer a prefetch (it answers when the image is cached; default 30 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan EdgeTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long to wait for a TCP connection to an edge (default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many pushed tags may wait on one node for the preheat rules (default 1000); pushes beyond it are not preheated.</summary>
    [Range(1, 1_000_000)]
    public int RuleQueueLength { get; set; } = 1000;
}
