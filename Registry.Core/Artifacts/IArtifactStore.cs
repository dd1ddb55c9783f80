using Registry.Core.Primitives;

namespace Registry.Core.Artifacts;

/// <summary>
/// Artifact repositories, their files (path, blob digest, checksums, who and when) and properties. File bytes live
/// in the shared blob store; <see cref="PutFileAsync"/> records the blob in the metadata's blob table in the same
/// transaction, so a file's digest is always a known blob (and garbage collection must treat every digest in
/// <c>artifact_files</c> as referenced, see <see cref="IsBlobReferencedAsync"/>). Paths are
/// <see cref="ArtifactPath"/> values; a folder is implied by the files under it.
/// </summary>
public interface IArtifactStore
{
    /// <summary>False when a repository with the key exists already.</summary>
    ValueTask<bool> CreateArtifactRepositoryAsync(ArtifactRepository repository, CancellationToken ct);

    ValueTask<ArtifactRepository?> GetArtifactRepositoryAsync(string key, CancellationToken ct);

    /// <summary>All repositories in key order.</summary>
    ValueTask<IReadOnlyList<ArtifactRepository>> ListArtifactRepositoriesAsync(CancellationToken ct);

    /// <summary>Changes the redeploy flag, the description and the remote or virtual settings (key, type and class stay); false when the repository is unknown.</summary>
    ValueTask<bool> UpdateArtifactRepositoryAsync(ArtifactRepository changed, CancellationToken ct);

    /// <summary>
    /// Removes the repository with its files and properties, queueing for garbage collection (in the same
    /// transaction) every blob that thereby lost its last reference; null when the repository is unknown.
    /// </summary>
    ValueTask<ArtifactDeletion?> DeleteArtifactRepositoryAsync(string key, CancellationToken ct);

    /// <summary>
    /// Records the file (creating or replacing it) and its blob, and takes the blob off the garbage collection queue;
    /// a replaced file's old blob is queued when nothing references it any more (all in one transaction). Refused with
    /// <see cref="ArtifactPutStatus.Exists"/> when it exists and <paramref name="allowOverwrite"/> is false, with
    /// <see cref="ArtifactPutStatus.PathConflict"/> when the path is a folder or one of its folders is a file, and with
    /// <see cref="ArtifactPutStatus.ContentDeleting"/> when a garbage collection pass is deleting the blob.
    /// </summary>
    ValueTask<ArtifactPutStatus> PutFileAsync(ArtifactFileWrite write, bool allowOverwrite, CancellationToken ct);

    /// <summary>The file with its properties, or null.</summary>
    ValueTask<ArtifactFile?> GetFileAsync(string repository, string path, CancellationToken ct);

    /// <summary>Every file under the folder (empty for the whole repository), in path order, with properties.</summary>
    ValueTask<IReadOnlyList<ArtifactFile>> ListFilesAsync(string repository, string folder, CancellationToken ct);

    /// <summary>Whether any file lives under the folder.</summary>
    ValueTask<bool> FolderExistsAsync(string repository, string folder, CancellationToken ct);

    /// <summary>
    /// Removes the file, or every file under the folder, queueing for garbage collection (in the same transaction)
    /// every blob that thereby lost its last reference.
    /// </summary>
    ValueTask<ArtifactDeletion> DeletePathAsync(string repository, string path, CancellationToken ct);

    /// <summary>
    /// Sets the named properties (each name's values are replaced by those given) on the file, or on every file under
    /// the folder; returns how many files changed.
    /// </summary>
    ValueTask<int> SetPropertiesAsync(string repository, string path, IReadOnlyList<ArtifactProperty> properties, CancellationToken ct);

    /// <summary>Removes the named properties from the file or every file under the folder; returns how many files had one.</summary>
    ValueTask<int> DeletePropertiesAsync(string repository, string path, IReadOnlyList<string> names, CancellationToken ct);

    /// <summary>Checksums of content some artifact file has (for deploy by checksum), or null.</summary>
    ValueTask<ArtifactChecksums?> FindContentAsync(ChecksumKind kind, string value, CancellationToken ct);

    /// <summary>Files (without properties) whose content has the checksum, in the repositories given (all when null).</summary>
    ValueTask<IReadOnlyList<ArtifactFile>> SearchByChecksumAsync(ChecksumKind kind, string value, IReadOnlyList<string>? repositories, int limit, CancellationToken ct);

    /// <summary>Files (without properties) whose name matches the pattern (<c>*</c>, <c>?</c>; case-insensitive).</summary>
    ValueTask<IReadOnlyList<ArtifactFile>> SearchByNameAsync(NamePattern pattern, IReadOnlyList<string>? repositories, int limit, CancellationToken ct);

    /// <summary>Files (without properties) that match every filter.</summary>
    ValueTask<IReadOnlyList<ArtifactFile>> SearchByPropertiesAsync(IReadOnlyList<PropertyFilter> filters, IReadOnlyList<string>? repositories, int limit, CancellationToken ct);

    /// <summary>The repository's retention policy, or null when it has none.</summary>
    ValueTask<ArtifactRetentionPolicy?> GetRetentionPolicyAsync(string repository, CancellationToken ct);

    /// <summary>Sets (replaces) the repository's retention policy; false when the repository is unknown.</summary>
    ValueTask<bool> SetRetentionPolicyAsync(string repository, ArtifactRetentionPolicy policy, CancellationToken ct);

    /// <summary>Removes the repository's retention policy; false when it had none.</summary>
    ValueTask<bool> RemoveRetentionPolicyAsync(string repository, CancellationToken ct);

    /// <summary>
    /// Whether an artifact file references the blob: <c>SELECT EXISTS (SELECT 1 FROM artifact_files WHERE digest = @Digest)</c>.
    /// Garbage collection must keep such blobs.
    /// </summary>
    ValueTask<bool> IsBlobReferencedAsync(Digest digest, CancellationToken ct);
}
