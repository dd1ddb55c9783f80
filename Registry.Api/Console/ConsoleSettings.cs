using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Console;

/// <summary>The <c>Registry:Console</c> section: the web console at <c>/ui</c> (docs/console.md, docs/configuration.md).</summary>
public sealed class ConsoleSettings
{
    public const string SectionName = "Registry:Console";

    /// <summary>Serve the web console at <c>/ui</c> (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a console session lasts without activity (sliding; default 8 hours).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Rows per page of the console's lists (default 50).</summary>
    [Range(10, 500)]
    public int PageSize { get; set; } = 50;

    /// <summary>
    /// The host shown in copied <c>docker pull</c> commands (e.g. <c>registry.example.com</c>); default: the host
    /// the browser used.
    /// </summary>
    public string? PullHost { get; set; }
}
