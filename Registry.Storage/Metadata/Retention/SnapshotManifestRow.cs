namespace Registry.Storage.Metadata.Retention;

/// <summary>A manifest of the repository as retention reads it.</summary>
internal sealed class SnapshotManifestRow
{
    public string Digest { get; set; } = string.Empty;

    public string MediaType { get; set; } = string.Empty;

    public long Size { get; set; }

    public string? Subject { get; set; }

    public long CreatedAt { get; set; }
}
