namespace Registry.Core.Retention;

/// <summary>
/// What a run deleted (for a dry run: would delete), the blobs that no manifest uses any more as a result, what it
/// skipped and the errors it met.
/// </summary>
public sealed record RetentionRunDetails(
    IReadOnlyList<RunTag> Tags,
    IReadOnlyList<RunManifest> Manifests,
    IReadOnlyList<FreedBlob> FreedBlobs,
    IReadOnlyList<RunSkip> Skipped,
    IReadOnlyList<string> Errors)
{
    public static RetentionRunDetails Empty { get; } = new([], [], [], [], []);
}
