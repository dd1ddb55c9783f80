using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Retention;

/// <summary>The <c>Registry:Retention</c> section: scheduled runs of retention policies (docs/configuration.md, docs/retention.md).</summary>
public sealed class RetentionSettings
{
    public const string SectionName = "Registry:Retention";

    /// <summary>Run policies on their schedules (default true). Off, policies still run on demand through the API.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the node holding the scheduler lease looks for policies that are due (default 30 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
