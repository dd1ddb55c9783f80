using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Manifests;

/// <summary>The <c>Registry:Manifests</c> settings (docs/configuration.md).</summary>
public sealed class ManifestSettings
{
    public const string SectionName = "Registry:Manifests";

    /// <summary>Largest manifest accepted, in bytes (default 4 MiB, as Distribution and containers/image use).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Memory for manifests cached by digest, in bytes (default 64 MiB; 0 disables the cache).</summary>
    [Range(0, long.MaxValue)]
    public long CacheBytes { get; set; } = 64L * 1024 * 1024;
}
