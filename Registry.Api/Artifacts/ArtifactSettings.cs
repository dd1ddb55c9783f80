using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Artifacts;

/// <summary>The <c>Registry:Artifacts</c> section (docs/configuration.md).</summary>
public sealed class ArtifactSettings
{
    public const string SectionName = "Registry:Artifacts";

    /// <summary>Most files a search under <c>/artifactory/api/search/</c> returns (default 1000).</summary>
    [Range(1, 100_000)]
    public int SearchLimit { get; set; } = 1000;
}
