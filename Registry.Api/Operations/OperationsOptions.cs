using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Operations;

/// <summary>The <c>Registry:Operations</c> section; docs/configuration.md describes each setting.</summary>
internal sealed class OperationsOptions
{
    public const string SectionName = "Registry:Operations";

    /// <summary>How long each <c>/readyz</c> check may take before it counts as failed (default 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Serve <c>/metrics</c> and record request metrics (default true).</summary>
    public bool MetricsEnabled { get; set; } = true;
}
