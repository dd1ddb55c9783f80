namespace Registry.Core.Retention;

/// <summary>
/// A recorded run of a policy: who or what started it (<see cref="Trigger"/> <c>manual</c> or <c>schedule</c>),
/// whether it was a dry run, when it ran, and what it deleted. <see cref="Details"/> is null in listings.
/// </summary>
public sealed record RetentionRun(
    long Id,
    long PolicyId,
    string PolicyName,
    string Trigger,
    string Actor,
    bool DryRun,
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
    public const string Manual = "manual";
    public const string Scheduled = "schedule";

    public static RetentionRun From(RetentionPolicy policy, string trigger, string actor, bool dryRun, DateTimeOffset started, DateTimeOffset finished, RetentionRunDetails details)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(details);
        return new RetentionRun(0, policy.Id, policy.Name, trigger, actor, dryRun, started, finished, details.Tags.Count, details.Manifests.Count,
            details.FreedBlobs.Count, details.FreedBlobs.Sum(b => b.Size), details.Skipped.Count, details.Errors.Count, details);
    }

    /// <summary>One line for logs and audit entries: <c>run 7: 3 tags, 2 manifests, 1234 bytes in 5 blobs freed, 0 skipped, 0 errors</c>.</summary>
    public string Summarize() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"run {Id}: {TagsDeleted} tags, {ManifestsDeleted} manifests, {BytesFreed} bytes in {BlobsFreed} blobs freed{(DryRun ? " (dry run)" : "")}, {Skipped} skipped, {Errors} errors");
}
