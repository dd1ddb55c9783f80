using Registry.Core.Artifacts;

namespace Registry.Api.Management.Models;

/// <summary>
/// A recorded artifact retention run: <c>status</c> is <c>succeeded</c> or <c>completed-with-errors</c>; for a dry
/// run the counts say what would be deleted. <c>details</c> (the deleted versions with their paths and bytes, and the
/// errors) is shown for one run, not in listings.
/// </summary>
internal sealed record ArtifactRetentionRunModel(
    long Id,
    string Repository,
    string Trigger,
    string Actor,
    bool DryRun,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int VersionsDeleted,
    int FilesDeleted,
    long BytesFreed,
    int Errors,
    ArtifactRetentionRunDetails? Details)
{
    public static ArtifactRetentionRunModel From(ArtifactRetentionRun run) => new(
        run.Id,
        run.Repository,
        run.Trigger,
        run.Actor,
        run.DryRun,
        run.Errors == 0 ? "succeeded" : "completed-with-errors",
        run.StartedAt,
        run.FinishedAt,
        run.VersionsDeleted,
        run.FilesDeleted,
        run.BytesFreed,
        run.Errors,
        run.Details);
}
