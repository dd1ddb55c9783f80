using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// What a retention run planned (and, unless a dry run, did) in one repository. <see cref="Deleted"/> (null for a dry
/// run) says which blobs the run left unreferenced: their bytes are what garbage collection will free.
/// </summary>
internal sealed record ArtifactRetentionReport(string Repository, bool DryRun, ArtifactRetentionPlan Plan, ArtifactDeletion? Deleted)
{
    public object ToJson() => new
    {
        repository = Repository,
        dryRun = DryRun,
        versionsDeleted = Plan.Deleted.Count(),
        versionsKept = Plan.Decisions.Count(d => d.Keep),
        filesDeleted = Deleted?.Files ?? Plan.Deleted.Sum(d => d.Version.Files.Count),
        bytesDeleted = Plan.Deleted.Sum(d => d.Version.Bytes),
        blobsFreed = Deleted?.BlobsUnreferenced,
        bytesFreed = Deleted?.BytesUnreferenced,
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
