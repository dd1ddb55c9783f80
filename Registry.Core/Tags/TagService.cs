using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Tags;

/// <summary>
/// Deletes and restores tags, and sets a repository's floating-tag settings, for every entry point (the distribution API, <c>/api/v1</c>, the console, retention).
/// <see cref="TagRules"/> checks tag protection and records tag history in the store's transaction; the change is then announced once:
/// <see cref="TagDeleted"/>, <see cref="TagRestored"/>, <see cref="RepositorySettingsChanged"/>. Tags created or moved by a push go through
/// <see cref="Content.ManifestService"/>.
/// </summary>
public sealed class TagService(IMetadataStore metadata, ITagStore tags, IChangeFeed feed, TimeProvider time)
{
    /// <summary>Deletes the tag unless a protection rule covers it; the manifest stays.</summary>
    public async ValueTask<DeleteResult> DeleteAsync(Actor actor, RepositoryName repository, TagName tag, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await feed.RecordAsync(
            c => metadata.DeleteTagAsync(repository, tag, actor.Name, c),
            result => result.Status == DeleteStatus.Deleted ? [new TagDeleted(actor, time.GetUtcNow(), repository, tag)] : [],
            ct).ConfigureAwait(false);
    }

    /// <summary>Stores the repository's floating-tag settings (who may is the caller's check: the maintainer role on it).</summary>
    public async ValueTask SetFloatingTagSettingsAsync(Actor actor, RepositoryName repository, FloatingTagSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(settings);
        await feed.RecordAsync(
            async c =>
            {
                await tags.SetFloatingTagSettingsAsync(repository, settings, actor.Name, c).ConfigureAwait(false);
                return true;
            },
            _ => [new RepositorySettingsChanged(actor, time.GetUtcNow(), repository, settings)],
            ct).ConfigureAwait(false);
    }

    /// <summary>Points the tag back at a manifest of the repository (from its history), unless an immutable rule covers it.</summary>
    public async ValueTask<TagRestoreResult> RestoreAsync(Actor actor, RepositoryName repository, TagName tag, Digest digest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await feed.RecordAsync(
            c => tags.RestoreTagAsync(repository, tag, digest, actor.Name, c),
            result => result.Status == TagRestoreStatus.Restored ? [new TagRestored(actor, time.GetUtcNow(), repository, tag, result.PreviousDigest, digest)] : [],
            ct).ConfigureAwait(false);
    }
}
