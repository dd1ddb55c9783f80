using Registry.Core.Primitives;

namespace Registry.Core.Tags;

/// <summary>
/// Evaluates the rules covering a repository against a tag change. <see cref="TagRules"/> calls it inside the
/// transaction that makes the change, with the rules read in that transaction, so no change slips between a check and its write.
/// Rules are tried in id order, so the rule a message names is always the oldest that applies.
/// </summary>
public static class TagProtection
{
    /// <summary>The immutable rule that forbids moving an existing tag from <paramref name="current"/> to <paramref name="target"/>, if any.</summary>
    public static TagProtectionViolation? CheckMove(IReadOnlyList<TagProtectionRule> rules, RepositoryName repository, string tag, string? current, string target, TagChangeKind attempted)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (current is null || current == target)
        {
            return null;   // creating a tag, or pointing it where it points already, is never a move
        }

        foreach (TagProtectionRule rule in rules)
        {
            if (rule.Kind == TagProtectionKind.Immutable && rule.Applies(repository, tag))
            {
                return new TagProtectionViolation(repository.Value, tag, rule, attempted);
            }
        }

        return null;
    }

    /// <summary>The rule (immutable or protected from deletion) that forbids deleting the tag, if any.</summary>
    public static TagProtectionViolation? CheckDelete(IReadOnlyList<TagProtectionRule> rules, RepositoryName repository, string tag)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (TagProtectionRule rule in rules)
        {
            if (rule.Applies(repository, tag))
            {
                return new TagProtectionViolation(repository.Value, tag, rule, TagChangeKind.Deleted);
            }
        }

        return null;
    }
}
