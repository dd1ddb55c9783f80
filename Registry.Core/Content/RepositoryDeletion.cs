using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Retention;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Core.Content;

/// <summary>
/// Deletes a repository's content for the management API and the console: refused, with nothing deleted, while a
/// protection rule covers any of its tags (each one is named). Otherwise every manifest is deleted with its tags
/// through <see cref="ManifestService"/> (indexes before their children, referrers before their subjects, so nothing
/// is left dangling on the way), then every blob link through <see cref="BlobLinkService"/>, each announced as those
/// services always do (<see cref="ManifestDeleted"/>, <see cref="BlobDeleted"/>: audit entries, webhook
/// <c>delete</c> events); last comes one <see cref="RepositoryDeleted"/> (audit <c>repository.delete</c>, webhook
/// <c>repository.delete</c>). The bytes stay until garbage collection finds nothing else uses them. The name stays
/// known, as an empty repository, as in CNCF Distribution; a push may fill it again.
/// </summary>
public sealed class RepositoryDeletion(
    IRetentionStore snapshots, ITagStore tags, IMetadataStore metadata, ManifestService manifests, BlobLinkService blobLinks, IChangeFeed feed, TimeProvider time)
{
    private const int BlobPage = 500;

    public async ValueTask<RepositoryDeletionResult> DeleteAsync(Actor actor, RepositoryName repository, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await snapshots.GetRetentionSnapshotAsync(repository, ct).ConfigureAwait(false) is not { } snapshot)
        {
            return RepositoryDeletionResult.NotFound;
        }

        IReadOnlyList<TagProtectionRule> rules = await tags.ListProtectionRulesForAsync(repository, ct).ConfigureAwait(false);
        List<TagProtectionViolation> refusals = Refusals(rules, repository, snapshot);
        if (refusals.Count > 0)
        {
            return RepositoryDeletionResult.Refused(refusals);
        }

        int tagCount = snapshot.Tags.Count;
        int manifestCount = 0;
        while (snapshot.Manifests.Count > 0)
        {
            int deletedNow = 0;
            foreach (SnapshotManifest manifest in UntaggedManifests.StandingAlone(snapshot))
            {
                DeleteResult deleted = await manifests.DeleteAsync(actor, repository, manifest.Digest, ct).ConfigureAwait(false);
                if (deleted.Status == DeleteStatus.Protected)
                {
                    // A rule added meanwhile: stop where we are.
                    return RepositoryDeletionResult.Refused([deleted.Violation!]);
                }

                deletedNow += deleted.Status == DeleteStatus.Deleted ? 1 : 0;
            }

            manifestCount += deletedNow;
            snapshot = await snapshots.GetRetentionSnapshotAsync(repository, ct).ConfigureAwait(false) ?? new RetentionSnapshot([], []);
            if (deletedNow == 0)
            {
                break;
            }
        }

        int blobCount = 0;
        string? after = null;
        while (true)
        {
            IReadOnlyList<Digest> blobs = await metadata.ListRepositoryBlobsAsync(repository, after, BlobPage, ct).ConfigureAwait(false);
            foreach (Digest blob in blobs)
            {
                blobCount += await blobLinks.UnlinkAsync(actor, repository, blob, ct).ConfigureAwait(false) ? 1 : 0;
            }

            if (blobs.Count < BlobPage)
            {
                break;
            }

            after = blobs[^1].Value;
        }

        var result = new RepositoryDeletionResult(RepositoryDeletionStatus.Deleted, [], tagCount, manifestCount, blobCount);
        await feed.RecordAsync(
            _ => ValueTask.FromResult(result),
            done => [new RepositoryDeleted(actor, time.GetUtcNow(), repository, done.Tags, done.Manifests, done.Blobs)],
            ct).ConfigureAwait(false);
        return result;
    }

    private static List<TagProtectionViolation> Refusals(IReadOnlyList<TagProtectionRule> rules, RepositoryName repository, RetentionSnapshot snapshot)
    {
        var refusals = new List<TagProtectionViolation>();
        foreach (SnapshotTag tag in snapshot.Tags.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (TagProtection.CheckDelete(rules, repository, tag.Name) is { } violation)
            {
                refusals.Add(violation);
            }
        }

        return refusals;
    }
}
