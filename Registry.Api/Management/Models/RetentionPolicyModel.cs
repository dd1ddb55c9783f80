using Registry.Api.Retention;
using Registry.Core.Retention;

namespace Registry.Api.Management.Models;

/// <summary>A retention policy as the API shows it, with when it next runs on schedule.</summary>
internal sealed record RetentionPolicyModel(
    long Id,
    string Name,
    string? Description,
    bool Enabled,
    IReadOnlyList<string> Repositories,
    IReadOnlyList<KeepRuleSpec> Rules,
    TimeSpan? UntaggedOlderThan,
    string? Schedule,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? LastScheduledAt,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string UpdatedBy,
    DateTimeOffset UpdatedAt)
{
    public static RetentionPolicyModel From(RetentionPolicy policy) => new(
        policy.Id,
        policy.Name,
        policy.Description,
        policy.Enabled,
        [.. policy.Repositories.Select(s => s.ToString())],
        policy.Rules,
        policy.UntaggedOlderThan,
        policy.Schedule,
        RetentionSchedule.NextRun(policy),
        policy.LastScheduledAt,
        policy.CreatedBy,
        policy.CreatedAt,
        policy.UpdatedBy,
        policy.UpdatedAt);
}
