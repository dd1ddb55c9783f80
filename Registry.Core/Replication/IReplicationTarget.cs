using Registry.Core.Primitives;

namespace Registry.Core.Replication;

/// <summary>
/// The other registry of a push rule, as a run talks to it (implemented by the host over its upstream client: Basic
/// or token authentication, retries of safe requests). Transport failures throw; refusals are returned.
/// </summary>
public partial interface IReplicationTarget
{
    /// <summary>Requests sent so far (each retry and token fetch counted by the host as it sees fit).</summary>
    int Requests { get; }

    /// <summary>The digest the reference (a tag or digest) resolves to there; null when it is absent.</summary>
    ValueTask<Digest?> ManifestDigestAsync(RepositoryName repository, string reference, CancellationToken ct);

    ValueTask<bool> HasBlobAsync(RepositoryName repository, Digest digest, CancellationToken ct);

    /// <summary>
    /// Puts the blob into <paramref name="repository"/>: mounted from <paramref name="mountFrom"/> when given and the
    /// registry agrees, else uploaded from <paramref name="open"/> (whole when small, in chunks when large).
    /// </summary>
    ValueTask<BlobSendResult> SendBlobAsync(
        RepositoryName repository, Digest digest, long size, RepositoryName? mountFrom, Func<CancellationToken, ValueTask<Stream?>> open, CancellationToken ct);

    /// <summary>Puts manifest bytes unchanged under <paramref name="reference"/>; null when stored, else the registry's refusal.</summary>
    ValueTask<string?> PutManifestAsync(RepositoryName repository, string reference, string mediaType, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>Points <paramref name="tag"/> at the manifest bytes (a manifest PUT by tag); Protected when a tag protection rule there refuses it.</summary>
    ValueTask<TargetAnswer> PutTagAsync(RepositoryName repository, string tag, string mediaType, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>Every tag of the repository there (all pages); empty when the repository is not there.</summary>
    ValueTask<IReadOnlyList<string>> ListTagsAsync(RepositoryName repository, CancellationToken ct);

    /// <summary>Deletes the tag alone (<c>DELETE .../manifests/TAG</c>); Unsupported when the registry deletes only by digest.</summary>
    ValueTask<TargetAnswer> DeleteTagAsync(RepositoryName repository, string tag, CancellationToken ct);

    /// <summary>Deletes the manifest by digest, with every tag there pointing at it.</summary>
    ValueTask<TargetAnswer> DeleteManifestAsync(RepositoryName repository, Digest digest, CancellationToken ct);
}

/// <summary>Opens an <see cref="IReplicationTarget"/> for a rule's peer.</summary>
public interface IReplicationTargets
{
    IReplicationTarget Open(ReplicationRule rule);
}

/// <summary>How sending one blob ended: <see cref="Mounted"/>, or uploaded, or refused with <see cref="Problem"/>.</summary>
public sealed record BlobSendResult(bool Mounted, string? Problem)
{
    /// <summary>The bytes uploaded, when the host counted them: fewer than the blob's size when it continued an upload an earlier run left unfinished. Null: the whole blob.</summary>
    public long? BytesSent { get; init; }

    public static BlobSendResult Uploaded { get; } = new(false, null);

    public static BlobSendResult MountedThere { get; } = new(true, null);
}
