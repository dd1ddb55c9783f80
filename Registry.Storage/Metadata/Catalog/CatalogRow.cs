using Registry.Core.Catalog;

namespace Registry.Storage.Metadata.Catalog;

/// <summary>
/// A catalog row (a tag with its manifest, details and pull counts; for the change feed also its sequence number) as
/// Dapper fills it in either metadata store. The SQL names each column after these properties.
/// </summary>
internal sealed class CatalogRow
{
    public long Sequence { get; set; }

    public string Repository { get; set; } = string.Empty;

    public string Tag { get; set; } = string.Empty;

    /// <summary>Null for a deleted tag (the change feed's tombstones).</summary>
    public string? Digest { get; set; }

    public long PushedAt { get; set; }

    public string? MediaType { get; set; }

    public string? ArtifactType { get; set; }

    public long ManifestSize { get; set; }

    public string? Annotations { get; set; }

    public long? DetailsSize { get; set; }

    public string? Platforms { get; set; }

    public string? Labels { get; set; }

    public long? PullCount { get; set; }

    public long? LastPulledAt { get; set; }

    public CatalogEntry? ToEntry()
    {
        if (Digest is null || MediaType is null)
        {
            return null;
        }

        return new CatalogEntry(
            Repository,
            Tag,
            Core.Primitives.Digest.Parse(Digest),
            MediaType,
            ArtifactType,
            ManifestSize,
            Annotations,
            DateTimeOffset.FromUnixTimeMilliseconds(PushedAt),
            DetailsSize is { } size ? new ManifestDetails(size, Platforms, Labels) : null,
            PullCount ?? 0,
            LastPulledAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null);
    }

    public CatalogChange ToChange() => new(Sequence, Repository, Tag, ToEntry());
}
