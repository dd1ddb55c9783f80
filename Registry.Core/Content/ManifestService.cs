using Registry.Core.Changes;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Core.Content;

/// <summary>
/// Stores and deletes manifests for every entry point (a client's PUT and DELETE, the console's retag and promote,
/// retention). The store checks the dependencies inside its transaction and runs the rules there (<see cref="TagRules"/>:
/// tag protection, tag history, floating tags; <see cref="Usage.QuotaDemand"/>: the namespace quota); what was changed is then announced once on the <see cref="IChangeFeed"/>:
/// <see cref="ManifestPushed"/>, <see cref="TagPointed"/> when the tag was created or moved, a
/// <see cref="TagFloated"/> for each floating tag that followed, <see cref="ManifestDeleted"/>.
/// </summary>
public sealed class ManifestService(IMetadataStore metadata, Usage.QuotaService quotas, IChangeFeed feed, TimeProvider time)
{
    /// <summary>
    /// Before the bytes of a manifest new to the repository are stored (a push, a promotion): every blob and child
    /// manifest it references is in the repository with the descriptor's size, and it fits its namespace's quota.
    /// <see cref="PutManifestStatus.Stored"/> when it may be stored; <see cref="PutAsync"/> checks all of it again in
    /// the store's transaction.
    /// </summary>
    public async ValueTask<PutManifestResult> CheckAsync(RepositoryName repository, ManifestWrite write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        PutManifestResult dependencies = write.FromUpstream
            ? PutManifestResult.Stored(null)
            : await metadata.CheckDependenciesAsync(repository, write.Dependencies, ct).ConfigureAwait(false);
        if (dependencies.Status != PutManifestStatus.Stored)
        {
            return dependencies;
        }

        return await quotas.RefusalAsync(repository, write, ct).ConfigureAwait(false) is { } refusal ? PutManifestResult.Exceeds(refusal) : dependencies;
    }

    /// <summary>Stores <paramref name="write"/> (whose bytes are already in the blob store) under <paramref name="tag"/> or by digest alone.</summary>
    public async ValueTask<PutManifestResult> PutAsync(
        Actor actor, RepositoryName repository, ManifestWrite write, ParsedManifest manifest, TagName? tag, TagSource? copiedFrom, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(write);
        return await feed.RecordAsync(
            c => metadata.PutManifestAsync(repository, write with { Actor = actor.Name }, tag, c),
            stored => stored.Status == PutManifestStatus.Stored ? Announce(actor, repository, write, manifest, tag, copiedFrom, stored) : [],
            ct).ConfigureAwait(false);
    }

    private List<ChangeRecord> Announce(
        Actor actor, RepositoryName repository, ManifestWrite write, ParsedManifest manifest, TagName? tag, TagSource? copiedFrom, PutManifestResult stored)
    {
        DateTimeOffset at = time.GetUtcNow();
        var changes = new List<ChangeRecord>(2 + stored.Floated.Count)
        {
            new ManifestPushed(actor, at, repository, write.Digest, write.MediaType, write.Size, tag, manifest, copiedFrom),
        };
        if (tag is not null && stored.PreviousTagDigest != write.Digest.Value)
        {
            changes.Add(new TagPointed(actor, at, repository, tag, stored.PreviousTagDigest, write.Digest));
        }

        foreach (TagMove move in stored.Floated)
        {
            changes.Add(new TagFloated(actor, at, repository, move.Tag, move.OldDigest, write.Digest, write.MediaType, write.Size, tag));
        }

        return changes;
    }

    /// <summary>Deletes the manifest and the tags pointing at it, unless a protection rule covers one of those tags.</summary>
    public async ValueTask<DeleteResult> DeleteAsync(Actor actor, RepositoryName repository, Digest digest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await feed.RecordAsync(
            c => metadata.DeleteManifestAsync(repository, digest, actor.Name, c),
            result => result.Status == DeleteStatus.Deleted ? [new ManifestDeleted(actor, time.GetUtcNow(), repository, digest)] : [],
            ct).ConfigureAwait(false);
    }
}
