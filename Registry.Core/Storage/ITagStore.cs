using Registry.Core.Access;
using Registry.Core.Primitives;
using Registry.Core.Tags;

namespace Registry.Core.Storage;

/// <summary>
/// Tag history, restores, protection rules and per-repository floating-tag settings. The metadata stores implement it
/// beside <see cref="IMetadataStore"/> (one instance serves both), since the rules and settings take effect inside
/// the same transactions that move and delete tags.
/// </summary>
public interface ITagStore
{
    /// <summary>
    /// The tag's history, newest first: at most <paramref name="limit"/> entries with ids below
    /// <paramref name="before"/> (all when null). Deleted tags keep their history.
    /// </summary>
    ValueTask<TagHistoryPage> ListTagHistoryAsync(RepositoryName repository, TagName tag, long? before, int limit, CancellationToken ct);

    /// <summary>
    /// The page before a cursor: the oldest <paramref name="limit"/> entries of the tag's history with ids above
    /// <paramref name="after"/>, newest first like every page (empty when the repository is unknown).
    /// </summary>
    ValueTask<IReadOnlyList<TagHistoryEntry>> ListNewerTagHistoryAsync(RepositoryName repository, TagName tag, long after, int limit, CancellationToken ct);

    /// <summary>How many entries the tag's history holds (0 when the repository is unknown).</summary>
    ValueTask<long> CountTagHistoryAsync(RepositoryName repository, TagName tag, CancellationToken ct);

    /// <summary>
    /// Points the tag at a manifest of the repository (creating the tag if it was deleted) in one transaction that
    /// checks the manifest is there and no immutable rule covers the tag, recording a <see cref="TagChangeKind.Restored"/> entry.
    /// </summary>
    ValueTask<TagRestoreResult> RestoreTagAsync(RepositoryName repository, TagName tag, Digest digest, string actor, CancellationToken ct);

    /// <summary>Every tag with its digest and push time, by name; null when the repository is unknown.</summary>
    ValueTask<IReadOnlyList<TagDetail>?> ListTagDetailsAsync(RepositoryName repository, CancellationToken ct);

    /// <summary>
    /// Stores a rule (its <see cref="TagProtectionRule.Id"/> is ignored) and returns it with the id it got; null when
    /// the same scope already has a rule with the same pattern and kind. The scope is a namespace or a repository.
    /// </summary>
    ValueTask<TagProtectionRule?> CreateProtectionRuleAsync(TagProtectionRule rule, CancellationToken ct);

    ValueTask<TagProtectionRule?> GetProtectionRuleAsync(long id, CancellationToken ct);

    /// <summary>Every rule, by id.</summary>
    ValueTask<IReadOnlyList<TagProtectionRule>> ListProtectionRulesAsync(CancellationToken ct);

    /// <summary>The rules that cover the repository (its namespace's and its own), by id.</summary>
    ValueTask<IReadOnlyList<TagProtectionRule>> ListProtectionRulesForAsync(RepositoryName repository, CancellationToken ct);

    ValueTask<bool> DeleteProtectionRuleAsync(long id, CancellationToken ct);

    /// <summary>The repository's settings, <see cref="FloatingTagSettings.Off"/> when none were set (the repository need not exist yet).</summary>
    ValueTask<FloatingTagSettings> GetFloatingTagSettingsAsync(RepositoryName repository, CancellationToken ct);

    ValueTask SetFloatingTagSettingsAsync(RepositoryName repository, FloatingTagSettings settings, string actor, CancellationToken ct);
}
