using Registry.Api.Http;
using Registry.Api.Management.Problems;
using System.Text.RegularExpressions;
using Registry.Api.Management.Models;
using Registry.Api.Retention;
using Registry.Core.Access;
using Registry.Core.Retention;

namespace Registry.Api.Management;

/// <summary>Checks a policy request and builds the policy, or says in one sentence what is wrong with it.</summary>
internal static partial class RetentionPolicyInput
{
    public const int MaxScopes = 100;
    public const int MaxRules = 50;
    public const int MaxDescription = 1000;

    /// <summary>Untagged manifests younger than this are never deleted: a multi-platform push uploads its children before the index that lists them.</summary>
    public static readonly TimeSpan MinUntaggedAge = TimeSpan.FromHours(1);

    /// <summary>The policy the request describes (id and creation fields from <paramref name="existing"/> when updating), or the problem.</summary>
    public static (RetentionPolicy? Policy, InputProblem? Problem) Build(RetentionPolicyRequest request, RetentionPolicy? existing, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Name is null || !NamePattern().IsMatch(request.Name))
        {
            return (null, new("name", "name must start with a letter and have at most 64 letters, digits, '.', '_' and '-'"));
        }

        if (request.Description is { Length: > MaxDescription })
        {
            return (null, new("description", $"description must be at most {MaxDescription} characters"));
        }

        if (request.Repositories is not { Count: > 0 and <= MaxScopes })
        {
            return (null, new("repositories", $"repositories must list 1 to {MaxScopes} scopes: \"*\", \"namespace/*\" or a repository name"));
        }

        var scopes = new List<AccessScope>(request.Repositories.Count);
        foreach (string? text in request.Repositories)
        {
            if (!AccessScope.TryParse(text, out AccessScope? scope))
            {
                return (null, new("repositories", $"'{text}' is not a repository scope: use \"*\", \"namespace/*\" or a repository name"));
            }

            scopes.Add(scope.Value);
        }

        IReadOnlyList<KeepRuleSpec> rules = request.Rules ?? [];
        if (rules.Count > MaxRules)
        {
            return (null, new("rules", $"a policy has at most {MaxRules} rules"));
        }

        for (int i = 0; i < rules.Count; i++)
        {
            if (!KeepRules.TryCreate(rules[i], out _, out string? problem))
            {
                return (null, new($"rules[{i}]", $"rules[{i}]: {problem}"));
            }
        }

        if (request.UntaggedOlderThan is { } age && age < MinUntaggedAge)
        {
            return (null, new("untaggedOlderThan", $"untaggedOlderThan must be at least {MinUntaggedAge} (a multi-platform push uploads its children before their index)"));
        }

        if (rules.Count == 0 && request.UntaggedOlderThan is null)
        {
            return (null, new("rules", "a policy needs keep rules, untaggedOlderThan, or both (without rules it deletes no tags)"));
        }

        string? schedule = string.IsNullOrWhiteSpace(request.Schedule) ? null : request.Schedule.Trim();
        if (schedule is not null && RetentionSchedule.Validate(schedule, now) is { } invalid)
        {
            return (null, new("schedule", invalid));
        }

        var policy = new RetentionPolicy(
            existing?.Id ?? 0,
            request.Name,
            request.Description,
            request.Enabled ?? true,
            scopes,
            rules,
            request.UntaggedOlderThan,
            schedule,
            existing?.CreatedBy ?? actor,
            existing?.CreatedAt ?? now,
            actor,
            now,
            existing?.LastScheduledAt);
        return (policy, null);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
