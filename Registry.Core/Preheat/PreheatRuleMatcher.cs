using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Registry.Core.Events;
using Registry.Core.Primitives;

namespace Registry.Core.Preheat;

/// <summary>A preheat rule ready to test pushed tags against: the repository glob (<see cref="RepositoryGlob"/>) and the tag expression compiled once, non-backtracking.</summary>
public sealed class PreheatRuleMatcher
{
    private readonly RepositoryGlob repository;
    private readonly Regex tag;

    private PreheatRuleMatcher(PreheatRule rule, RepositoryGlob repository, Regex tag)
    {
        Rule = rule;
        this.repository = repository;
        this.tag = tag;
    }

    public PreheatRule Rule { get; }

    public bool Matches(string repositoryName, string tagName) => repository.IsMatch(repositoryName) && tag.IsMatch(tagName);

    /// <summary>The matcher of <paramref name="rule"/>, or the reason its patterns do not compile (the field at fault first).</summary>
    public static bool TryCreate(PreheatRule rule, [NotNullWhen(true)] out PreheatRuleMatcher? matcher, [NotNullWhen(false)] out (string Field, string Message)? error)
    {
        ArgumentNullException.ThrowIfNull(rule);
        matcher = null;
        if (!RepositoryGlob.TryParse(rule.Repository, out RepositoryGlob? repository, out string? why))
        {
            error = ("repository", why);
            return false;
        }

        if (string.IsNullOrEmpty(rule.TagPattern) || rule.TagPattern.Length > 256 || !WebhookMatcher.TryCompile(rule.TagPattern, out Regex? tag, out string? tagError))
        {
            error = ("tag", $"tag must be a regular expression of at most 256 characters that matches whole tag names{(rule.TagPattern.Length is > 0 and <= 256 ? ": " + TagError(rule.TagPattern) : string.Empty)}");
            return false;
        }

        matcher = new PreheatRuleMatcher(rule, repository, tag);
        error = null;
        return true;
    }

    private static string TagError(string pattern) => WebhookMatcher.TryCompile(pattern, out _, out string? e) ? string.Empty : e;
}
