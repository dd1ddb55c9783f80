using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;
using Registry.Core.Events;

namespace Registry.Core.Preheat;

/// <summary>A preheat rule ready to test pushed tags against: the repository glob and the tag expression compiled once, non-backtracking.</summary>
public sealed class PreheatRuleMatcher
{
    private readonly Regex repository;
    private readonly Regex tag;

    private PreheatRuleMatcher(PreheatRule rule, Regex repository, Regex tag)
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
        if (!TryGlob(rule.Repository, out Regex? repository, out string? why))
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

    /// <summary>A repository glob: <c>*</c> and <c>?</c> within one path component, <c>**</c> across components; the rest literal.</summary>
    private static bool TryGlob(string glob, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? error)
    {
        regex = null;
        if (string.IsNullOrEmpty(glob) || glob.Length > 256 || glob.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            error = "repository must be a repository name or a glob such as 'team/*' or 'apps/**' (at most 256 characters)";
            return false;
        }

        var pattern = new StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
            }
            else
            {
                pattern.Append(glob[i] switch { '*' => "[^/]*", '?' => "[^/]", char c => Regex.Escape(c.ToString()) });
            }
        }

        regex = new Regex(pattern.Append("\\z").ToString(), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        error = null;
        return true;
    }
}
