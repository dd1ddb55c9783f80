using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Oci;

/// <summary>The <c>Registry:Pagination</c> settings (docs/configuration.md).</summary>
public sealed class PaginationSettings
{
    public const string SectionName = "Registry:Pagination";

    /// <summary>The largest page for tag lists and the catalog when a client asks with <c>n</c> (default 10000).</summary>
    [Range(1, 1_000_000)]
    public int MaxPageSize { get; set; } = 10_000;

    /// <summary>Memory for rendered tag-list pages, reused while a repository's tags are unchanged (default 32 MiB; 0 disables).</summary>
    [Range(0, long.MaxValue)]
    public long TagListCacheBytes { get; set; } = 32L * 1024 * 1024;
}
