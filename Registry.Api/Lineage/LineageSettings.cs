namespace Registry.Api.Lineage;

/// <summary>The <c>Registry:Lineage</c> section: which repositories hold base images.</summary>
public sealed class LineageSettings
{
    public const string SectionName = "Registry:Lineage";

    /// <summary>
    /// Repositories whose images count as base images: exact names (<c>base/java</c>), prefixes (<c>base/*</c>), or
    /// <c>*</c>. Default: <c>base/*</c>. Empty turns lineage off.
    /// </summary>
    public List<string> BaseRepositories { get; set; } = ["base/*"];
}
