using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Registry.Core.Primitives;

/// <summary>
/// A repository name pattern: <c>*</c> matches any run of characters within one path segment (not <c>/</c>),
/// <c>**</c> any run including <c>/</c>, <c>?</c> one character other than <c>/</c>; everything else matches itself.
/// <c>team/*</c> matches <c>team/app</c> but not <c>team/app/sub</c>; <c>team/**</c> matches both.
/// </summary>
public sealed class RepositoryGlob
{
    private readonly Regex _regex;

    private RepositoryGlob(string text, Regex regex)
    {
        Text = text;
        _regex = regex;
    }

    public string Text { get; }

    /// <summary>Matches every repository.</summary>
    public static RepositoryGlob All { get; } = new("**", new Regex(@"\A.*\z", RegexOptions.Singleline | RegexOptions.NonBacktracking));

    public static bool TryParse(string? text, [NotNullWhen(true)] out RepositoryGlob? glob, [NotNullWhen(false)] out string? error)
        => TryParse(text, "repository", strict: true, out glob, out error);

    /// <summary>The same wildcards over artifact repository keys and file paths, where any character but a control character is literal.</summary>
    public static bool TryParsePath(string? text, [NotNullWhen(true)] out RepositoryGlob? glob, [NotNullWhen(false)] out string? error)
        => TryParse(text, "path", strict: false, out glob, out error);

    private static bool TryParse(string? text, string what, bool strict, [NotNullWhen(true)] out RepositoryGlob? glob, [NotNullWhen(false)] out string? error)
    {
        glob = null;
        if (string.IsNullOrEmpty(text) || text.Length > 1024)
        {
            error = $"a {what} pattern is 1 to 1024 characters";
            return false;
        }

        foreach (char c in text)
        {
            if (!strict && char.IsControl(c))
            {
                error = $"{what} pattern '{text}' must not contain control characters";
                return false;
            }

            if (strict && !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-' or '/' or '*' or '?'))
            {
                error = $"repository pattern '{text}' may hold only lower-case letters, digits, '.', '_', '-', '/' and the wildcards '*', '**', '?'";
                return false;
            }
        }

        var pattern = new StringBuilder(@"\A");
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
            }
            else if (c == '*')
            {
                pattern.Append("[^/]*");
            }
            else if (c == '?')
            {
                pattern.Append("[^/]");
            }
            else
            {
                pattern.Append(Regex.Escape(c.ToString()));
            }
        }

        pattern.Append(@"\z");
        glob = new RepositoryGlob(text, new Regex(pattern.ToString(), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant));
        error = null;
        return true;
    }

    public bool IsMatch(string repository) => _regex.IsMatch(repository);

    /// <summary>Whether the pattern has no wildcard, so it names one repository (<see cref="Text"/>) and needs no listing.</summary>
    public bool IsLiteral => Text.AsSpan().IndexOfAny('*', '?') < 0;

    public override string ToString() => Text;
}
