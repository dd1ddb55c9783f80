using System.Globalization;

namespace Registry.Core.Artifacts;

/// <summary>
/// A recorded retention run of an artifact repository: who or what started it (<see cref="Trigger"/> <c>manual</c> or
/// <c>schedule</c>, as image retention runs), whether it was a dry run, when it ran, and what it deleted (for a dry
/// run: would delete). <see cref="Details"/> is null in listings.
/// </summary>
public sealed record ArtifactRetentionRun(
    long Id,
    string Repository,
    string Trigger,
    string Actor,
    bool DryRun,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int VersionsDeleted,
    int FilesDeleted,
    long BytesFreed,
    int Errors,
    ArtifactRetentionRunDetails? Details)
{
    /// <summary>One line for logs and audit entries: <c>run 7: 3 versions (9 files, 1234 bytes) deleted, 0 errors</c>.</summary>
    public string Summarize() => string.Create(CultureInfo.InvariantCulture,
        $"run {Id}: {VersionsDeleted} versions ({FilesDeleted} files, {BytesFreed} bytes) deleted{(DryRun ? " (dry run)" : "")}, {Errors} errors");
}
