using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>What a retention run planned (and, unless a dry run, did) in one repository.</summary>
internal sealed record ArtifactRetentionReport(string Repository, bool DryRun, ArtifactRetentionPlan Plan, int DeletedFiles)
{
    public object ToJson() => new
    {
        repository = Repository,
        dryRun = DryRun,
        versionsDeleted = Plan.Deleted.Count(),
        versionsKept = Plan.Decisions.Count(d => d.Keep),
        filesDeleted = DryRun ? Plan.Deleted.Sum(d => d.Version.Files.Count) : DeletedFiles,
        bytesDeleted = Plan.Deleted.Sum(d => d.Version.Bytes),
        versions = Plan.Decisions.Select(d => new
        {
            artifact = d.Version.Artifact,
            version = d.Version.Version,
            action = d.Keep ? "keep" : "delete",
            reason = d.Reason,
            pushedAt = d.Version.PushedAt,
            files = d.Version.Files.Count,
            bytes = d.Version.Bytes,
        }).ToList(),
    };

    public string Summarize() => $"{(DryRun ? "dry run: " : string.Empty)}{Plan.Deleted.Count()} version(s) deleted, {Plan.Decisions.Count(d => d.Keep)} kept";
}
