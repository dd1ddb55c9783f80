using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Hosting;

/// <summary>The <c>Registry:Uploads</c> settings (docs/configuration.md).</summary>
public sealed class UploadSettings
{
    public const string SectionName = "Registry:Uploads";

    /// <summary>Upload sessions untouched for longer are removed (default 24 hours).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired sessions are looked for (default 10 minutes).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}
