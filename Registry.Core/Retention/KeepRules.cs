using System.Diagnostics.CodeAnalysis;
using Registry.Core.Tags;

namespace Registry.Core.Retention;

/// <summary>
/// Builds rules from their stored form, with a clear message for each mistake, and evaluates a policy's rules: a
/// candidate is kept when it is protected or any rule keeps it. A policy without rules keeps every candidate.
/// </summary>
public static class KeepRules
{
    public const string MostRecentlyPushed = "most-recently-pushed";
    public const string MostRecentlyPulled = "most-recently-pulled";
    public const string Matching = "matching";
    public const string Recent = "recent";
    public const string HighestVersions = "highest-versions";

    /// <summary>The largest <c>count</c> a rule takes.</summary>
    public const int MaxCount = 100_000;

    public static IReadOnlyList<string> Kinds { get; } = [MostRecentlyPushed, MostRecentlyPulled, Matching, Recent, HighestVersions];

    public static bool TryCreate(KeepRuleSpec? spec, [NotNullWhen(true)] out IKeepRule? rule, [NotNullWhen(false)] out string? problem)
    {
        rule = null;
        problem = spec is null ? "a rule must be an object with a kind" : Check(spec);
        if (problem is not null)
        {
            return false;
        }

        rule = spec!.Kind switch
        {
            MostRecentlyPushed => new KeepMostRecentlyPushed(spec.Count!.Value),
            MostRecentlyPulled => new KeepMostRecentlyPulled(spec.Count!.Value),
            Matching => new KeepMatching(spec.Pattern!),
            Recent => new KeepRecent(spec.PushedWithin, spec.PulledWithin),
            _ => new KeepHighestVersions(spec.Count!.Value, spec.PerMajor, spec.IncludePreReleases),
        };
        return true;
    }

    /// <summary>The rules of stored specs (validated when the policy was written).</summary>
    public static IReadOnlyList<IKeepRule> CreateAll(IEnumerable<KeepRuleSpec> specs)
        => [.. specs.Select(s => TryCreate(s, out IKeepRule? rule, out string? problem) ? rule : throw new FormatException(problem))];

    /// <summary>The names of the candidates to keep: the protected ones and those any rule keeps (all when there are no rules).</summary>
    public static HashSet<string> Evaluate(IReadOnlyList<IKeepRule> rules, IReadOnlyList<RetentionCandidate> candidates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(candidates);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (RetentionCandidate candidate in candidates)
        {
            if (candidate.IsProtected || rules.Count == 0)
            {
                kept.Add(candidate.Name);
            }
        }

        foreach (IKeepRule rule in rules)
        {
            foreach (RetentionCandidate candidate in rule.Keep(candidates, now))
            {
                kept.Add(candidate.Name);
            }
        }

        return kept;
    }

    private static string? Check(KeepRuleSpec spec)
    {
        bool counted = spec.Kind is MostRecentlyPushed or MostRecentlyPulled or HighestVersions;
        if (!Kinds.Contains(spec.Kind))
        {
            return $"rule kind must be one of {string.Join(", ", Kinds)}, not '{spec.Kind}'";
        }

        if (counted != spec.Count is not null)
        {
            return counted ? $"a {spec.Kind} rule needs a count" : $"a {spec.Kind} rule takes no count";
        }

        if (spec.Count is < 1 or > MaxCount)
        {
            return $"count must be between 1 and {MaxCount}";
        }

        if ((spec.Kind == Matching) != (spec.Pattern is not null))
        {
            return spec.Kind == Matching ? "a matching rule needs a pattern" : $"a {spec.Kind} rule takes no pattern";
        }

        if (spec.Kind == Matching && TagPattern.Validate(spec.Pattern) is { } problem)
        {
            return problem;
        }

        if (spec.Kind == Recent)
        {
            if (spec.PushedWithin is null && spec.PulledWithin is null)
            {
                return "a recent rule needs pushedWithin, pulledWithin or both (time spans such as \"30.00:00:00\")";
            }

            if (spec.PushedWithin <= TimeSpan.Zero || spec.PulledWithin <= TimeSpan.Zero)
            {
                return "pushedWithin and pulledWithin must be positive";
            }
        }
        else if (spec.PushedWithin is not null || spec.PulledWithin is not null)
        {
            return $"a {spec.Kind} rule takes no pushedWithin or pulledWithin";
        }

        if (spec.Kind != HighestVersions && (spec.PerMajor || spec.IncludePreReleases))
        {
            return "perMajor and includePreReleases apply only to highest-versions rules";
        }

        return null;
    }
}
