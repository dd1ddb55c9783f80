using System.Globalization;
using Registry.Api.Management.Models;
using Registry.Core.Retention;

namespace Registry.Api.Console;

/// <summary>
/// The console's retention policy editor as form fields (public: a component parameter): one section per keep rule kind (each used at most once),
/// untagged age, schedule and scopes; read back into the API's <see cref="RetentionPolicyRequest"/>, which
/// <c>RetentionPolicyInput.Build</c> checks exactly as for <c>POST /api/v1/retention/policies</c>.
/// </summary>
public sealed record RetentionPolicyForm(
    string Name, string Description, bool Enabled, string Repositories, string Schedule, string UntaggedDays,
    string PushedCount, string PulledCount, string MatchingPattern, string RecentPushedDays, string RecentPulledDays,
    string VersionsCount, bool PerMajor, bool PreReleases)
{
    public static RetentionPolicyForm Empty { get; } = new("", "", true, "", "", "", "", "", "", "", "", "", false, false);

    /// <summary>Whether the editor can show every rule of the policy (it has at most one rule of each kind).</summary>
    public static bool CanEdit(RetentionPolicy policy) => policy.Rules.GroupBy(r => r.Kind).All(g => g.Count() == 1);

    public static RetentionPolicyForm From(RetentionPolicy policy)
    {
        KeepRuleSpec? Rule(string kind) => policy.Rules.FirstOrDefault(r => r.Kind == kind);
        KeepRuleSpec? versions = Rule(KeepRules.HighestVersions);
        KeepRuleSpec? recent = Rule(KeepRules.Recent);
        return new RetentionPolicyForm(
            policy.Name, policy.Description ?? "", policy.Enabled, string.Join(", ", policy.Repositories), policy.Schedule ?? "",
            Days(policy.UntaggedOlderThan), Number(Rule(KeepRules.MostRecentlyPushed)?.Count), Number(Rule(KeepRules.MostRecentlyPulled)?.Count),
            Rule(KeepRules.Matching)?.Pattern ?? "", Days(recent?.PushedWithin), Days(recent?.PulledWithin),
            Number(versions?.Count), versions?.PerMajor ?? false, versions?.IncludePreReleases ?? false);
    }

    /// <summary>The editor as the user filled it in (shown again when the policy they posted is refused).</summary>
    public static RetentionPolicyForm FromFields(Func<string, string> field) => new(
        field("name"), field("description"), field("enabled") == "true", field("repositories"), field("schedule"), field("untaggedDays"),
        field("pushedCount"), field("pulledCount"), field("matchingPattern"), field("recentPushedDays"), field("recentPulledDays"),
        field("versionsCount"), field("perMajor") == "true", field("preReleases") == "true");

    /// <summary>The request the posted fields describe; a field that is not a number makes the problem.</summary>
    internal static (RetentionPolicyRequest? Request, string? Problem) Read(Func<string, string> field)
    {
        var rules = new List<KeepRuleSpec>();
        string? problem = null;
        int? Count(string name) => Parse<int>(field(name), name, int.TryParse, ref problem);
        TimeSpan? Span(string name) => Parse<double>(field(name), name, double.TryParse, ref problem) is { } days ? TimeSpan.FromDays(days) : null;
        if (Count("pushedCount") is { } pushed)
        {
            rules.Add(new KeepRuleSpec(KeepRules.MostRecentlyPushed, Count: pushed));
        }

        if (Count("pulledCount") is { } pulled)
        {
            rules.Add(new KeepRuleSpec(KeepRules.MostRecentlyPulled, Count: pulled));
        }

        if (field("matchingPattern") is { Length: > 0 } pattern)
        {
            rules.Add(new KeepRuleSpec(KeepRules.Matching, Pattern: pattern));
        }

        TimeSpan? pushedWithin = Span("recentPushedDays");
        TimeSpan? pulledWithin = Span("recentPulledDays");
        if (pushedWithin is not null || pulledWithin is not null)
        {
            rules.Add(new KeepRuleSpec(KeepRules.Recent, PushedWithin: pushedWithin, PulledWithin: pulledWithin));
        }

        if (Count("versionsCount") is { } versions)
        {
            rules.Add(new KeepRuleSpec(KeepRules.HighestVersions, Count: versions, PerMajor: field("perMajor") == "true", IncludePreReleases: field("preReleases") == "true"));
        }

        TimeSpan? untagged = Span("untaggedDays");
        if (problem is not null)
        {
            return (null, problem);
        }

        string[] scopes = [.. field("repositories").Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        return (new RetentionPolicyRequest(field("name"), field("description") is { Length: > 0 } d ? d : null, field("enabled") == "true",
            scopes, rules, untagged, field("schedule")), null);
    }

    private delegate bool TryParser<T>(string text, NumberStyles styles, IFormatProvider provider, out T value);

    private static T? Parse<T>(string text, string name, TryParser<T> parse, ref string? problem)
        where T : struct
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (parse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out T value))
        {
            return value;
        }

        problem ??= $"'{text}' in {name} is not a number";
        return null;
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Days(TimeSpan? span) => span?.TotalDays.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
