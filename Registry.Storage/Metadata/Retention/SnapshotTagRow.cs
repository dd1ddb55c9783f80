namespace Registry.Storage.Metadata.Retention;

/// <summary>A tag with its push time and its manifest's last pull time in the repository.</summary>
internal sealed class SnapshotTagRow
{
    public string Name { get; set; } = string.Empty;

    public string Digest { get; set; } = string.Empty;

    public long PushedAt { get; set; }

    public long? PulledAt { get; set; }
}
