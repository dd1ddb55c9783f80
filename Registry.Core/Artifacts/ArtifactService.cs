using Registry.Core.Changes;

namespace Registry.Core.Artifacts;

/// <summary>
/// Changes the files of artifact repositories for every entry point (<c>/artifactory</c>, retention): deploys,
/// deletes, and sets or removes properties. It owns the rules that do not depend on HTTP — the Maven layout, files
/// (a Maven repository's release files) immutable unless the repository allows redeploy, the property syntax — and announces each change once, after
/// the store has it: <see cref="ArtifactDeployed"/>, <see cref="ArtifactDeleted"/>, <see cref="ArtifactPropertiesChanged"/>.
/// The bytes of a deploy are stored (and pinned against garbage collection) by the caller first: the service takes
/// their checksums. Who may do what is the caller's check (the repository key's roles).
/// </summary>
public sealed class ArtifactService(IArtifactStore store, IChangeFeed feed, TimeProvider time)
{
    /// <summary>
    /// Whether a file at <paramref name="path"/> may never be overwritten, in a repository that does not allow redeploy:
    /// every file of a generic repository; a release file of a Maven one (SNAPSHOT files and metadata always may be).
    /// </summary>
    public static bool IsImmutable(ArtifactRepository repository, string path)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return !repository.AllowRedeploy
            && (Packages.PackageLayout.IsPackageType(repository.Type) ? !Packages.PackageLayout.IsMetadata(path)
                : repository.Type != ArtifactRepositoryType.Maven || MavenLayout.IsReleaseFile(path));
    }

    /// <summary>
    /// The checks a deploy can make before its bytes are stored, so a refused one does not upload them: a Maven path
    /// that breaks the layout (<see cref="ArtifactPutStatus.Invalid"/>) and a release file that exists already
    /// (<see cref="ArtifactPutStatus.Exists"/>). Null when the deploy may go on; <see cref="DeployAsync"/> checks again.
    /// </summary>
    public async ValueTask<ArtifactDeployResult?> CheckDeployAsync(ArtifactRepository repository, string path, CancellationToken ct)
    {
        if ((ClassRefusal(repository) ?? PackageRefusal(repository) ?? LayoutRefusal(repository, path)) is { } refused)
        {
            return refused;
        }

        return IsImmutable(repository, path) && await store.GetFileAsync(repository.Key, path, ct).ConfigureAwait(false) is not null
            ? ReleaseExists(repository, path)
            : null;
    }

    /// <summary>
    /// Records a file whose bytes are stored already (<paramref name="content"/>), replacing the file at the path unless
    /// it is immutable; <paramref name="properties"/> replace the file's properties when given. <paramref name="byChecksum"/>
    /// says the content was found by its checksum rather than uploaded (announced so).
    /// </summary>
    public async ValueTask<ArtifactDeployResult> DeployAsync(
        Actor actor, ArtifactRepository repository, string path, ArtifactChecksums content, string? mimeType,
        IReadOnlyList<ArtifactProperty>? properties, bool byChecksum, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        if ((ClassRefusal(repository) ?? PackageRefusal(repository) ?? LayoutRefusal(repository, path)) is { } refused)
        {
            return refused;
        }

        return await RecordAsync(actor, repository, path, content, mimeType, properties, byChecksum, allowOverwrite: !IsImmutable(repository, path), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a file of an npm, PyPI or NuGet package whose bytes are stored already and whose content the format's
    /// publish checked (<see cref="Packages"/>): the only way files enter a local package repository. A version's
    /// files are immutable unless the repository allows redeploy (<see cref="ArtifactPutStatus.Exists"/>); files under
    /// <see cref="Packages.PackageLayout.MetadataFolder"/> are replaced.
    /// </summary>
    public async ValueTask<ArtifactDeployResult> PublishPackageFileAsync(
        Actor actor, ArtifactRepository repository, string path, ArtifactChecksums content, string? mimeType,
        IReadOnlyList<ArtifactProperty>? properties, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        if (ClassRefusal(repository) is { } refused)
        {
            return refused;
        }

        if (!Packages.PackageLayout.IsPackageType(repository.Type))
        {
            return new ArtifactDeployResult(ArtifactPutStatus.NotDeployable, $"'{repository.Key}' is a {RepositoryNames.Of(repository.Type)} repository, not an npm, pypi or nuget one");
        }

        return await RecordAsync(actor, repository, path, content, mimeType, properties, false, allowOverwrite: !IsImmutable(repository, path), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a file a remote repository fetched from its upstream (bytes stored and verified by the caller) as
    /// <see cref="RemoteCaching.Actor"/>: a refreshed metadata file replaces the cached one. Refused
    /// (<see cref="ArtifactPutStatus.NotDeployable"/>) for a repository that is not remote, and like a deploy for a
    /// path outside the Maven layout.
    /// </summary>
    public async ValueTask<ArtifactDeployResult> CacheAsync(ArtifactRepository remote, string path, ArtifactChecksums content, string? mimeType, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(content);
        if (remote.Class != RepositoryClass.Remote)
        {
            return new ArtifactDeployResult(ArtifactPutStatus.NotDeployable, $"'{remote.Key}' is not a remote repository");
        }

        if (LayoutRefusal(remote, path) is { } refused)
        {
            return refused;
        }

        return await RecordAsync(RemoteCaching.Actor(remote.Key), remote, path, content, mimeType, null, false, allowOverwrite: true, ct).ConfigureAwait(false);
    }

    private async ValueTask<ArtifactDeployResult> RecordAsync(
        Actor actor, ArtifactRepository repository, string path, ArtifactChecksums content, string? mimeType,
        IReadOnlyList<ArtifactProperty>? properties, bool byChecksum, bool allowOverwrite, CancellationToken ct)
    {
        var write = new ArtifactFileWrite(repository.Key, path, content, mimeType, actor.Name, properties);
        ArtifactPutStatus status = await feed.RecordAsync(
            c => store.PutFileAsync(write, allowOverwrite, c),
            status => status is ArtifactPutStatus.Created or ArtifactPutStatus.Replaced
                ? [new ArtifactDeployed(actor, time.GetUtcNow(), repository.Key, path, content.Digest, content.Size, byChecksum, status == ArtifactPutStatus.Replaced)]
                : [],
            ct).ConfigureAwait(false);
        switch (status)
        {
            case ArtifactPutStatus.Created or ArtifactPutStatus.Replaced:
                return new ArtifactDeployResult(status);
            case ArtifactPutStatus.Exists:
                return ReleaseExists(repository, path);
            case ArtifactPutStatus.PathConflict:
                return new ArtifactDeployResult(status, $"'{path}' conflicts with an existing file or folder: a path cannot be both");
            case ArtifactPutStatus.RepositoryUnknown:
                return new ArtifactDeployResult(status, $"repository '{repository.Key}' does not exist");
            default:
                return new ArtifactDeployResult(status, $"the content {content.Digest} is being garbage-collected");
        }
    }

    /// <summary>
    /// Removes the file, or the folder with every file under it (never the whole repository: an empty path removes
    /// nothing). <see cref="ArtifactDeletion.Files"/> is 0 when nothing was there.
    /// </summary>
    public async ValueTask<ArtifactDeletion> DeleteAsync(Actor actor, string repository, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return ArtifactDeletion.None;
        }

        return await feed.RecordAsync(
            c => store.DeletePathAsync(repository, path, c),
            removed => removed.Files > 0
                ? [new ArtifactDeleted(actor, time.GetUtcNow(), repository, path, removed.Files, removed.BlobsUnreferenced, removed.BytesUnreferenced)]
                : [],
            ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets properties given in the properties API's syntax (<c>a=1|b=2,3</c>, see <see cref="ArtifactPropertyRules"/>)
    /// on the file or every file under the folder: <see cref="ArtifactChangeStatus.Invalid"/> when malformed,
    /// <see cref="ArtifactChangeStatus.NotFound"/> when no file is there.
    /// </summary>
    public async ValueTask<ArtifactChangeResult> SetPropertiesAsync(Actor actor, string repository, string path, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (ArtifactPropertyRules.Parse(text ?? string.Empty, out string? error) is not { } properties)
        {
            return new ArtifactChangeResult(ArtifactChangeStatus.Invalid, error);
        }

        int changed = await feed.RecordAsync(
            c => store.SetPropertiesAsync(repository, path, properties, c),
            changed => changed == 0 ? [] : [new ArtifactPropertiesChanged(actor, time.GetUtcNow(), repository, path, false, text!, changed)],
            ct).ConfigureAwait(false);
        return changed == 0 ? NotFound(repository, path) : ArtifactChangeResult.Done;
    }

    /// <summary>
    /// Removes the named properties from the file or every file under the folder (done, and announced, even when none
    /// had them): <see cref="ArtifactChangeStatus.Invalid"/> without names, <see cref="ArtifactChangeStatus.NotFound"/>
    /// when no file is there.
    /// </summary>
    public async ValueTask<ArtifactChangeResult> DeletePropertiesAsync(Actor actor, string repository, string path, IReadOnlyList<string> names, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return new ArtifactChangeResult(ArtifactChangeStatus.Invalid, "name the properties to delete");
        }

        if (await store.GetFileAsync(repository, path, ct).ConfigureAwait(false) is null
            && !await store.FolderExistsAsync(repository, path, ct).ConfigureAwait(false))
        {
            return NotFound(repository, path);
        }

        await feed.RecordAsync(
            c => store.DeletePropertiesAsync(repository, path, names, c),
            changed => [new ArtifactPropertiesChanged(actor, time.GetUtcNow(), repository, path, true, string.Join(',', names), changed)],
            ct).ConfigureAwait(false);
        return ArtifactChangeResult.Done;
    }

    private static ArtifactDeployResult? ClassRefusal(ArtifactRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return repository.Class switch
        {
            RepositoryClass.Remote => new ArtifactDeployResult(ArtifactPutStatus.NotDeployable,
                $"'{repository.Key}' is a remote repository: it caches what it fetches from {repository.Remote?.Url} and takes no deploys; deploy to a local repository"),
            RepositoryClass.Virtual => new ArtifactDeployResult(ArtifactPutStatus.NotDeployable, repository.Virtual?.DefaultDeploymentRepo is { } target
                ? $"'{repository.Key}' is a virtual repository: deploy through it (to '{target}') or to '{target}' directly"
                : $"'{repository.Key}' is a virtual repository without a defaultDeploymentRepo: deploy to a local repository, or set the virtual repository's defaultDeploymentRepo"),
            _ => null,
        };
    }

    /// <summary>A plain deploy into an npm, PyPI or NuGet repository: refused, packages come through their client's API.</summary>
    private static ArtifactDeployResult? PackageRefusal(ArtifactRepository repository)
        => Packages.PackageLayout.IsPackageType(repository.Type)
            ? new ArtifactDeployResult(ArtifactPutStatus.NotDeployable,
                $"'{repository.Key}' is a {RepositoryNames.Of(repository.Type)} repository: publish with the {RepositoryNames.Of(repository.Type)} client to /artifactory/{Packages.PackageLayout.ApiPath(repository.Type, repository.Key)} (docs/packages.md)")
            : null;

    private static ArtifactDeployResult? LayoutRefusal(ArtifactRepository repository, string path)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(path);
        return repository.Type == ArtifactRepositoryType.Maven && MavenLayout.LayoutError(path) is { } layoutError
            ? new ArtifactDeployResult(ArtifactPutStatus.Invalid, layoutError)
            : null;
    }

    private static ArtifactDeployResult ReleaseExists(ArtifactRepository repository, string path)
        => new(ArtifactPutStatus.Exists, repository.Type == ArtifactRepositoryType.Maven
            ? $"'{path}' is a release file and already exists in '{repository.Key}'; releases cannot be overwritten unless the repository allows redeploy"
            : $"'{path}' already exists in '{repository.Key}'; files cannot be overwritten unless the repository allows redeploy (delete the file first)");

    private static ArtifactChangeResult NotFound(string repository, string path) => new(ArtifactChangeStatus.NotFound, $"'{repository}/{path}' does not exist");
}
