using Registry.Core.Manifests;
using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>
/// Everything but blob bytes: repositories, which blobs each repository may use, manifests, tags and their history,
/// referrers and upload sessions. Each write is one transaction.
/// </summary>
public interface IMetadataStore
{
    /// <summary>Applies pending schema migrations (idempotent; safe when several nodes start together); says which it applied.</summary>
    ValueTask<MigrationReport> MigrateAsync(CancellationToken ct);

    /// <summary>The blob when it is linked into the repository, else null.</summary>
    ValueTask<BlobInfo?> GetRepositoryBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct);

    /// <summary>
    /// Records the blob (stored already) and links it into the repository, creating the repository if new; while no
    /// manifest references it, it goes on the garbage-collection review queue (<see cref="Gc.IGcStore"/>) in the same transaction.
    /// </summary>
    ValueTask LinkBlobAsync(RepositoryName repository, BlobInfo blob, CancellationToken ct);

    /// <summary>Links a blob of <paramref name="from"/> into <paramref name="to"/>; null when <paramref name="from"/> lacks it.</summary>
    ValueTask<BlobInfo?> MountBlobAsync(RepositoryName from, RepositoryName to, Digest digest, CancellationToken ct);

    /// <summary>Removes the repository's link to the blob; a blob no manifest references then goes on the review queue.</summary>
    ValueTask<bool> UnlinkBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct);

    /// <summary>The blobs linked into the repository, by digest in ordinal order after <paramref name="after"/>, at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<Digest>> ListRepositoryBlobsAsync(RepositoryName repository, string? after, int limit, CancellationToken ct);

    ValueTask<ManifestRecord?> GetManifestAsync(RepositoryName repository, Digest digest, CancellationToken ct);

    ValueTask<ManifestRecord?> ResolveTagAsync(RepositoryName repository, TagName tag, CancellationToken ct);

    /// <summary>The first dependency that is missing or has another size, without writing anything.</summary>
    ValueTask<PutManifestResult> CheckDependenciesAsync(RepositoryName repository, IReadOnlyList<ManifestDependency> dependencies, CancellationToken ct);

    /// <summary>
    /// In one transaction: checks the dependencies again, records the manifest (its bytes are stored already), and
    /// points <paramref name="tag"/> at it, recording the move (with <see cref="ManifestWrite.Actor"/>) in tag
    /// history. When an immutable protection rule covers the tag and it points at another manifest, the whole write
    /// is refused (<see cref="PutManifestStatus.TagProtected"/>) and nothing changes. When the repository has floating
    /// tags on and the tag is a release, the floating tags follow it in the same transaction
    /// (<see cref="PutManifestResult.Floated"/>).
    /// </summary>
    ValueTask<PutManifestResult> PutManifestAsync(RepositoryName repository, ManifestWrite manifest, TagName? tag, CancellationToken ct);

    /// <summary>
    /// Removes the manifest and every tag pointing at it, recording each tag's deletion with <paramref name="actor"/>;
    /// refused when a protection rule covers one of those tags.
    /// </summary>
    ValueTask<DeleteResult> DeleteManifestAsync(RepositoryName repository, Digest digest, string? actor, CancellationToken ct);

    /// <summary>Removes the tag (not its manifest), recording who did; refused when a protection rule covers it.</summary>
    ValueTask<DeleteResult> DeleteTagAsync(RepositoryName repository, TagName tag, string? actor, CancellationToken ct);

    /// <summary>
    /// <see cref="DeleteManifestAsync(RepositoryName, Digest, string?, CancellationToken)"/> without an actor: false
    /// when the manifest was not there or a protection rule refused (callers that must tell these apart use that overload).
    /// </summary>
    async ValueTask<bool> DeleteManifestAsync(RepositoryName repository, Digest digest, CancellationToken ct)
        => (await DeleteManifestAsync(repository, digest, null, ct).ConfigureAwait(false)).Status == DeleteStatus.Deleted;

    /// <summary><see cref="DeleteTagAsync(RepositoryName, TagName, string?, CancellationToken)"/> without an actor; false when not deleted.</summary>
    async ValueTask<bool> DeleteTagAsync(RepositoryName repository, TagName tag, CancellationToken ct)
        => (await DeleteTagAsync(repository, tag, null, ct).ConfigureAwait(false)).Status == DeleteStatus.Deleted;

    /// <summary>
    /// A number that changes (in the same transaction) whenever a tag of the repository is created, moved or
    /// deleted; null when the repository is unknown. Lets readers reuse a tag list they rendered before.
    /// </summary>
    ValueTask<long?> GetTagsVersionAsync(RepositoryName repository, CancellationToken ct);

    /// <summary>Tags in lexical (ordinal) order after <paramref name="last"/>; all of them when <paramref name="limit"/> is null.</summary>
    ValueTask<TagPage> ListTagsAsync(RepositoryName repository, string? last, int? limit, CancellationToken ct);

    ValueTask<RepositoryPage> ListRepositoriesAsync(string? last, int? limit, CancellationToken ct);

    /// <summary>Manifests in the repository whose subject is <paramref name="subject"/>, optionally of one artifact type.</summary>
    ValueTask<IReadOnlyList<ManifestRecord>> ListReferrersAsync(RepositoryName repository, Digest subject, string? artifactType, CancellationToken ct);

    ValueTask CreateUploadAsync(UploadRecord upload, CancellationToken ct);

    ValueTask<UploadRecord?> GetUploadAsync(UploadId id, CancellationToken ct);

    ValueTask<bool> DeleteUploadAsync(UploadId id, CancellationToken ct);

    /// <summary>Removes and returns upload records started before <paramref name="olderThan"/>.</summary>
    ValueTask<IReadOnlyList<UploadId>> DeleteUploadsStartedBeforeAsync(DateTimeOffset olderThan, CancellationToken ct);

    /// <summary>
    /// Takes or renews the named lease for <paramref name="holder"/> until now + <paramref name="duration"/>, when it
    /// is free, expired, or already this holder's. Background work that must run on one node at a time runs only
    /// while its node holds the lease.
    /// </summary>
    ValueTask<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken ct);

    /// <summary>Gives the lease up early, if <paramref name="holder"/> holds it.</summary>
    ValueTask ReleaseLeaseAsync(string name, string holder, CancellationToken ct);

    /// <summary>Bytes of all blobs (layers, configs, manifests) the metadata knows, each digest counted once.</summary>
    ValueTask<long> GetStoredBytesAsync(CancellationToken ct);
}
