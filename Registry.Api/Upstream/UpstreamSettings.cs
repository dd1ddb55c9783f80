using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Upstream;

/// <summary>The <c>Registry:Upstream</c> section (docs/configuration.md): how remote repositories and replication talk to other servers.</summary>
public sealed class UpstreamSettings
{
    public const string SectionName = "Registry:Upstream";

    /// <summary>How long one attempt may wait for the upstream's response headers (default 30 s); a body then streams without a limit.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long all attempts of one request together may take (default 2 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:02", "02:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries of a request that failed to connect, timed out or was answered 408, 429 or 5xx (default 2, at least 1), with exponential backoff.</summary>
    [Range(1, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>How long to wait for a TCP connection (default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
