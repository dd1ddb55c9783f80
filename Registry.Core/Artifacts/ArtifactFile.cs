namespace Registry.Core.Artifacts;

/// <summary>A file in an artifact repository: where it is, its content, who deployed it and when, and its properties.</summary>
public sealed record ArtifactFile(
    string Repository,
    string Path,
    ArtifactChecksums Content,
    string? MimeType,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset ModifiedAt,
    string ModifiedBy,
    IReadOnlyList<ArtifactProperty> Properties)
{
    /// <summary>The last path segment.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];
}
