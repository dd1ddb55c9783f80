using Registry.Core.Retention;

namespace Registry.Api.Management.Models;

/// <summary>
/// A recorded run: <c>status</c> is <c>succeeded</c> or <c>completed-with-errors</c>; for a dry run the counts say
/// what would be deleted and freed. <c>details</c> (lists of tags, manifests, freed blobs, skips and errors) is
/// shown for one run, not in listings.
/// </summary>
internal sealed record RetentionRunModel(
    long Id,
    long PolicyId,
    string Policy,
    string Trigger,
    string Actor,
    bool DryRun,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int TagsDeleted,
    int ManifestsDeleted,
    int BlobsFreed,
    long BytesFreed,
    int Skipped,
    int Errors,
    RetentionRunDetails? Details)
{
    public static RetentionRunModel From(RetentionRun run) => new(
        run.Id,
        run.PolicyId,
        run.PolicyName,
        run.Trigger,
        run.Actor,
        run.DryRun,
        run.Errors == 0 ? "succeeded" : "completed-with-errors",
        run.StartedAt,
        run.FinishedAt,
        run.TagsDeleted,
        run.ManifestsDeleted,
        run.BlobsFreed,
        run.BytesFreed,
        run.Skipped,
        run.Errors,
        run.Details);
}
