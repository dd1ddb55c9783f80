using Registry.Core.Retention;

namespace Registry.Core.Artifacts;

/// <summary>
/// Retention for one artifact repository: the retention engine's keep rules (<see cref="KeepRules"/>) applied to the
/// versions of each artifact, and properties that keep a version whatever the rules say (<c>release</c> keeps a
/// version any of whose files has that property, <c>qa=passed</c> one with that value). A version no rule keeps and
/// no property protects is deleted with all its files.
/// </summary>
public sealed record ArtifactRetentionPolicy(
    IReadOnlyList<KeepRuleSpec> Rules,
    IReadOnlyList<string> KeepProperties,
    string UpdatedBy,
    DateTimeOffset UpdatedAt)
{
    public const int MaxKeepProperties = 50;

    /// <summary>Why the rules or properties cannot make a policy, or null when they can.</summary>
    public static string? Validate(IReadOnlyList<KeepRuleSpec>? rules, IReadOnlyList<string>? keepProperties)
    {
        if (rules is null || rules.Count == 0)
        {
            return "rules must list at least one keep rule (a policy without rules would keep everything)";
        }

        foreach (KeepRuleSpec? rule in rules)
        {
            if (!KeepRules.TryCreate(rule, out _, out string? problem))
            {
                return problem;
            }

            if (rule!.Kind == KeepRules.MostRecentlyPulled || rule.PulledWithin is not null)
            {
                return "artifact downloads are not counted, so rules by pull time do not apply to artifact repositories; use most-recently-pushed, recent with pushedWithin, highest-versions or matching";
            }
        }

        if (keepProperties is { Count: > MaxKeepProperties })
        {
            return $"keepProperties takes at most {MaxKeepProperties} entries";
        }

        foreach (string entry in keepProperties ?? [])
        {
            int equals = entry.IndexOf('=');
            if (!ArtifactPropertyRules.IsValidName(equals < 0 ? entry : entry[..equals]))
            {
                return $"keepProperties entry '{entry}' must be a property name or name=value";
            }
        }

        return null;
    }

    /// <summary>Whether a property the policy names (with its value, when it gives one) is on any of the files.</summary>
    public bool Protects(IEnumerable<ArtifactFile> files)
    {
        foreach (ArtifactFile file in files)
        {
            foreach (ArtifactProperty property in file.Properties)
            {
                foreach (string entry in KeepProperties)
                {
                    int equals = entry.IndexOf('=');
                    if (equals < 0 ? property.Name == entry : property.Name == entry[..equals] && property.Value == entry[(equals + 1)..])
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
