using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Tests.Core.Retention;

/// <summary>
/// A tag store that shows the planner no protection rules while the store underneath enforces them: what a rule
/// created between a run's planning and its deletes looks like to the run.
/// </summary>
internal sealed class RulesHiddenFromPlanning(ITagStore store) : ITagStore
{
    public ValueTask<IReadOnlyList<TagProtectionRule>> ListProtectionRulesForAsync(RepositoryName repository, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<TagProtectionRule>>([]);

    public ValueTask<TagHistoryPage> ListTagHistoryAsync(RepositoryName repository, TagName tag, long? before, int limit, CancellationToken ct)
        => store.ListTagHistoryAsync(repository, tag, before, limit, ct);

    public ValueTask<IReadOnlyList<TagHistoryEntry>> ListNewerTagHistoryAsync(RepositoryName repository, TagName tag, long after, int limit, CancellationToken ct)
        => store.ListNewerTagHistoryAsync(repository, tag, after, limit, ct);

    public ValueTask<long> CountTagHistoryAsync(RepositoryName repository, TagName tag, CancellationToken ct)
        => store.CountTagHistoryAsync(repository, tag, ct);

    public ValueTask<TagRestoreResult> RestoreTagAsync(RepositoryName repository, TagName tag, Digest digest, string actor, CancellationToken ct)
        => store.RestoreTagAsync(repository, tag, digest, actor, ct);

    public ValueTask<IReadOnlyList<TagDetail>?> ListTagDetailsAsync(RepositoryName repository, CancellationToken ct)
        => store.ListTagDetailsAsync(repository, ct);

    public ValueTask<TagProtectionRule?> CreateProtectionRuleAsync(TagProtectionRule rule, CancellationToken ct) => store.CreateProtectionRuleAsync(rule, ct);

    public ValueTask<TagProtectionRule?> GetProtectionRuleAsync(long id, CancellationToken ct) => store.GetProtectionRuleAsync(id, ct);

    public ValueTask<IReadOnlyList<TagProtectionRule>> ListProtectionRulesAsync(CancellationToken ct) => store.ListProtectionRulesAsync(ct);

    public ValueTask<bool> DeleteProtectionRuleAsync(long id, CancellationToken ct) => store.DeleteProtectionRuleAsync(id, ct);

    public ValueTask<FloatingTagSettings> GetFloatingTagSettingsAsync(RepositoryName repository, CancellationToken ct)
        => store.GetFloatingTagSettingsAsync(repository, ct);

    public ValueTask SetFloatingTagSettingsAsync(RepositoryName repository, FloatingTagSettings settings, string actor, CancellationToken ct)
        => store.SetFloatingTagSettingsAsync(repository, settings, actor, ct);
}
