using Registry.Core.Primitives;

namespace Registry.Core.Tags;

/// <summary>
/// Reads and writes of one repository's tag rows inside a metadata transaction the store holds open: plain data
/// access, no rules. <see cref="TagRules"/> decides what to write (protection, history, floating tags); each store
/// implements this once per dialect, taking the locks its database needs (PostgreSQL row locks, SQLite's write gate).
/// </summary>
public interface ITagRows
{
    RepositoryName Repository { get; }

    /// <summary>Where the tag points now, or null; locks nothing.</summary>
    ValueTask<string?> TargetAsync(string tag, CancellationToken ct);

    /// <summary>
    /// When the tag does not exist: creates it pointing at <paramref name="digest"/> and returns null. When it
    /// exists: changes nothing, keeps it from being moved or deleted by anyone else until the transaction ends, and
    /// returns the digest it points at.
    /// </summary>
    ValueTask<string?> ClaimAsync(string tag, string digest, CancellationToken ct);

    /// <summary>Points a tag claimed by <see cref="ClaimAsync"/> at another digest.</summary>
    ValueTask RepointAsync(string tag, string digest, CancellationToken ct);

    /// <summary>Deletes the tag; returns the digest it pointed at, or null when there was no such tag.</summary>
    ValueTask<string?> RemoveAsync(string tag, CancellationToken ct);

    /// <summary>The tags pointing at the manifest, by ordinal name.</summary>
    ValueTask<IReadOnlyList<string>> TagsOfAsync(string digest, CancellationToken ct);

    /// <summary>Deletes every tag pointing at the manifest.</summary>
    ValueTask RemoveTagsOfAsync(string digest, CancellationToken ct);

    /// <summary>Every tag name of the repository.</summary>
    ValueTask<IReadOnlyList<string>> NamesAsync(CancellationToken ct);

    /// <summary>Appends one entry to the tag's history, at the transaction's time.</summary>
    ValueTask RecordAsync(string tag, string? oldDigest, string? newDigest, string? actor, TagChangeKind kind, CancellationToken ct);

    /// <summary>The protection rules covering the repository (its namespace's and its own), by id.</summary>
    ValueTask<IReadOnlyList<TagProtectionRule>> ProtectionRulesAsync(CancellationToken ct);

    /// <summary>The repository's floating-tag settings, <see cref="FloatingTagSettings.Off"/> when none were set.</summary>
    ValueTask<FloatingTagSettings> FloatingSettingsAsync(CancellationToken ct);

    /// <summary>
    /// Counts a change of the repository's tags (the tag list's version). Last in a transaction: on PostgreSQL it
    /// row-locks the repository until commit, so tag changes of one repository commit one after another.
    /// </summary>
    ValueTask BumpVersionAsync(CancellationToken ct);
}
