using Registry.Core.Retention;

namespace Registry.Api.Management.Models;

/// <summary>
/// The body of <c>POST /api/v1/retention/policies</c> and <c>PUT .../{policy}</c> (a PUT replaces the whole policy).
/// <c>repositories</c> are scopes: <c>*</c>, <c>ns/*</c> or a repository name; <c>untaggedOlderThan</c> is a time
/// span (<c>"14.00:00:00"</c>); <c>schedule</c> a Quartz cron expression in UTC.
/// </summary>
internal sealed record RetentionPolicyRequest(
    string? Name,
    string? Description,
    bool? Enabled,
    IReadOnlyList<string>? Repositories,
    IReadOnlyList<KeepRuleSpec>? Rules,
    TimeSpan? UntaggedOlderThan,
    string? Schedule);
