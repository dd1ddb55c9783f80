using Registry.Core.Access;
using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Tags;

/// <summary>
/// Tag protection rules for the management API and the console alike: who sees a rule (whoever may pull from its
/// repository, or from its whole namespace), who creates or deletes one (maintainers and admins of the whole scope),
/// the pattern's validity, and the announcement (<see cref="ProtectionRuleChanged"/>, audited as
/// <c>protection.create</c> / <c>protection.delete</c>). The stores read the rules inside each tag change's
/// transaction, so a rule takes effect at once on every node.
/// </summary>
public sealed class ProtectionRuleService(ITagStore tags, IChangeFeed feed, TimeProvider time)
{
    public static bool MaySee(Permissions permissions, TagProtectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Scope.Kind == ScopeKind.Repository
            ? permissions.Allows(RepositoryName.Parse(rule.Scope.Name), AccessAction.Pull)
            : (permissions.OnScope(rule.Scope) & AccessAction.Pull) != 0;
    }

    public static bool MayManage(Permissions permissions, AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return (permissions.OnScope(scope) & AccessAction.Manage) != 0;
    }

    /// <summary>The rules <paramref name="permissions"/> may see, those within <paramref name="within"/> when given.</summary>
    public async ValueTask<IReadOnlyList<TagProtectionRule>> ListVisibleAsync(Permissions permissions, AccessScope? within, CancellationToken ct)
        => [.. (await tags.ListProtectionRulesAsync(ct).ConfigureAwait(false)).Where(r => (within is null || r.Scope.IsWithin(within.Value)) && MaySee(permissions, r))];

    /// <summary>The rule, when it exists and <paramref name="permissions"/> may see it.</summary>
    public async ValueTask<TagProtectionRule?> FindVisibleAsync(Permissions permissions, long id, CancellationToken ct)
        => await tags.GetProtectionRuleAsync(id, ct).ConfigureAwait(false) is { } rule && MaySee(permissions, rule) ? rule : null;

    public async ValueTask<ProtectionRuleResult> CreateAsync(Actor actor, Permissions permissions, AccessScope scope, string? pattern, TagProtectionKind kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (TagPattern.Validate(pattern) is { } problem)
        {
            return new ProtectionRuleResult(ProtectionRuleStatus.InvalidPattern, null, problem);
        }

        if (!MayManage(permissions, scope))
        {
            return Denied(actor, scope);
        }

        DateTimeOffset now = time.GetUtcNow();
        TagProtectionRule? created = await feed.RecordAsync(
            c => tags.CreateProtectionRuleAsync(new TagProtectionRule(0, scope, pattern!, kind, actor.Name, now), c),
            rule => rule is null ? [] : [new ProtectionRuleChanged(actor, now, rule, Deleted: false)],
            ct).ConfigureAwait(false);
        return created is null
            ? new ProtectionRuleResult(ProtectionRuleStatus.Conflict, null, $"{scope} already has a {kind.ToName()} rule for the pattern '{pattern}'")
            : new ProtectionRuleResult(ProtectionRuleStatus.Created, created, null);
    }

    public async ValueTask<ProtectionRuleResult> DeleteAsync(Actor actor, Permissions permissions, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await FindVisibleAsync(permissions, id, ct).ConfigureAwait(false) is not { } rule)
        {
            return new ProtectionRuleResult(ProtectionRuleStatus.NotFound, null, $"no protection rule '{id}'");
        }

        if (!MayManage(permissions, rule.Scope))
        {
            return Denied(actor, rule.Scope);
        }

        bool deleted = await feed.RecordAsync(
            c => tags.DeleteProtectionRuleAsync(rule.Id, c),
            deleted => deleted ? [new ProtectionRuleChanged(actor, time.GetUtcNow(), rule, Deleted: true)] : [],
            ct).ConfigureAwait(false);
        return deleted
            ? new ProtectionRuleResult(ProtectionRuleStatus.Deleted, rule, null)
            : new ProtectionRuleResult(ProtectionRuleStatus.NotFound, null, $"no protection rule '{id}'");
    }

    private static ProtectionRuleResult Denied(Actor actor, AccessScope scope)
        => new(ProtectionRuleStatus.Denied, null, $"{actor.Name} may not manage protection rules on {scope}: that needs the maintainer or admin role there");
}
