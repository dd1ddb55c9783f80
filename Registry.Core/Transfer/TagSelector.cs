using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Registry.Core.Transfer;

/// <summary>
/// Which tags a selection takes: a glob (<c>*</c> any run, <c>?</c> one character; <c>v1.*</c>) or, written
/// <c>regex:PATTERN</c>, a .NET regular expression that must match the whole tag (as protection rules do; see
/// <see cref="Tags.TagPattern"/>: non-backtracking, case-sensitive).
/// </summary>
public sealed class TagSelector
{
    public const string RegexPrefix = "regex:";

    private readonly Func<string, bool> _match;

    private TagSelector(string text, Func<string, bool> match)
    {
        Text = text;
        _match = match;
    }

    public string Text { get; }

    public static TagSelector All { get; } = new("*", _ => true);

    public static bool TryParse(string? text, [NotNullWhen(true)] out TagSelector? selector, [NotNullWhen(false)] out string? error)
    {
        selector = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "a tag pattern must not be empty";
            return false;
        }

        if (text.StartsWith(RegexPrefix, StringComparison.Ordinal))
        {
            string expression = text[RegexPrefix.Length..];
            if (Tags.TagPattern.Validate(expression) is { } problem)
            {
                error = problem;
                return false;
            }

            selector = new TagSelector(text, tag => Tags.TagPattern.IsMatch(expression, tag));
            error = null;
            return true;
        }

        if (text.Length > 128 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '*' or '?')))
        {
            error = $"tag pattern '{text}' may hold only letters, digits, '_', '.', '-' and the wildcards '*' and '?' (or start with '{RegexPrefix}')";
            return false;
        }

        var pattern = new StringBuilder(@"\A");
        foreach (char c in text)
        {
            pattern.Append(c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) });
        }

        var regex = new Regex(pattern.Append(@"\z").ToString(), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        selector = new TagSelector(text, regex.IsMatch);
        error = null;
        return true;
    }

    public bool IsMatch(string tag) => _match(tag);

    public override string ToString() => Text;
}
