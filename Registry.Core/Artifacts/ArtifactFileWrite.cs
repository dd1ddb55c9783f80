namespace Registry.Core.Artifacts;

/// <summary>
/// A file to record (its bytes are in the blob store already). <see cref="Properties"/> replace the file's
/// properties when given (a deploy with matrix parameters), and are left alone when null.
/// </summary>
public sealed record ArtifactFileWrite(
    string Repository,
    string Path,
    ArtifactChecksums Content,
    string? MimeType,
    string Actor,
    IReadOnlyList<ArtifactProperty>? Properties);
