using Registry.Core.Access;
using Registry.Core.Primitives;

namespace Registry.Core.Retention;

/// <summary>
/// A retention policy: on the repositories its <see cref="Repositories"/> scopes cover (<c>*</c>, <c>ns/*</c> or one
/// repository, as protection rules and grants name them), tags that none of its <see cref="Rules"/> keeps are
/// deleted, and with <see cref="UntaggedOlderThan"/> untagged manifests older than that too. It runs on demand, and
/// on its <see cref="Schedule"/> (a Quartz cron expression, UTC) while <see cref="Enabled"/>.
/// </summary>
public sealed record RetentionPolicy(
    long Id,
    string Name,
    string? Description,
    bool Enabled,
    IReadOnlyList<AccessScope> Repositories,
    IReadOnlyList<KeepRuleSpec> Rules,
    TimeSpan? UntaggedOlderThan,
    string? Schedule,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string UpdatedBy,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastScheduledAt)
{
    /// <summary>The actor its deletions are recorded with in tag history: <c>retention:&lt;name&gt;</c>.</summary>
    public string Actor => "retention:" + Name;

    /// <summary>How audit entries describe a policy: <c>policy 3 on team/*: keep the 5 most recently pushed; untagged older than 14.00:00:00</c>.</summary>
    public string Describe()
    {
        IEnumerable<string> parts = KeepRules.CreateAll(Rules).Select(r => r.Describe());
        if (UntaggedOlderThan is { } age)
        {
            parts = parts.Append($"untagged older than {age}");
        }

        return $"policy {Id} on {string.Join(", ", Repositories)}: {string.Join("; ", parts)}"
            + (Schedule is null ? "" : $"; schedule '{Schedule}'") + (Enabled ? "" : " (disabled)");
    }

    public bool Covers(RepositoryName repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        foreach (AccessScope scope in Repositories)
        {
            if (scope.Covers(repository))
            {
                return true;
            }
        }

        return false;
    }
}
