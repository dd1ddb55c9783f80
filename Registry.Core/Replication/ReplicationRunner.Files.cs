using Registry.Core.Primitives;
using Registry.Core.Transfer;

namespace Registry.Core.Replication;

/// <summary>
/// Files of generic and Maven repositories, for rules whose filter names artifact repositories: each goes to the
/// repository with the same key at the other registry (another instance of ours), at the same path, with its
/// properties. A file there with the same SHA-256 is up to date; one with other content is replaced only when the
/// rule overwrites. A file is deployed by checksum first, so content the other side stores already is not sent again.
/// Runs started by a push carry only the pushed tags, not files.
/// </summary>
public sealed partial class ReplicationRunner
{
    private async ValueTask PushFilesAsync(ReplicationRule rule, ExportPlan plan, IReplicationTarget target, Progress run, CancellationToken ct)
    {
        foreach (ExportedFile file in plan.Files)
        {
            run.Add(await PushFileAsync(rule, file, target, run, ct).ConfigureAwait(false));
        }
    }

    private async ValueTask<ReplicationItem> PushFileAsync(ReplicationRule rule, ExportedFile file, IReplicationTarget target, Progress run, CancellationToken ct)
    {
        ReplicationItem Item(ReplicationOutcome outcome, string? reason) => new(file.Repository, file.Path, file.Repository, file.Digest, outcome, reason);

        Digest digest = Digest.Parse(file.Digest);
        string? there = await target.FileSha256Async(file.Repository, file.Path, ct).ConfigureAwait(false);
        if (there is not null && string.Equals(there, digest.Hex, StringComparison.OrdinalIgnoreCase))
        {
            return Item(ReplicationOutcome.Skipped, "up to date");
        }

        if (there is not null && !rule.Overwrite)
        {
            return Item(ReplicationOutcome.Skipped, $"the destination file has other content (sha256 {there}); the rule does not overwrite");
        }

        FileSendResult sent = await target.SendFileAsync(file.Repository, file, c => blobs.OpenReadAsync(digest, c), ct).ConfigureAwait(false);
        if (sent.Problem is not null)
        {
            return Item(ReplicationOutcome.Failed, sent.Problem);
        }

        if (sent.ByChecksum)
        {
            run.BlobsMounted++;
        }
        else
        {
            run.BlobsSent++;
            run.Bytes += file.Size;
        }

        return Item(ReplicationOutcome.Copied, there is null ? null : "overwritten");
    }
}
