using System.Diagnostics.CodeAnalysis;

namespace Registry.Core.Catalog;

/// <summary>
/// A glob over whole tag names: <c>*</c> matches any run of characters (also none), <c>?</c> exactly one, everything
/// else itself (case-sensitive). Tags are <c>[A-Za-z0-9_][A-Za-z0-9._-]*</c>, so a pattern holds only those
/// characters and the two wildcards; that keeps it free of escapes and lets both stores evaluate it in SQL (SQLite
/// <c>GLOB</c>, PostgreSQL <c>LIKE</c>). A glob, not a regular expression: versions read naturally (<c>17.*</c>) and
/// a pattern cannot be made expensive to match.
/// </summary>
public sealed class TagPattern
{
    public const int MaxLength = 256;

    private TagPattern(string glob) => Glob = glob;

    /// <summary>Every tag.</summary>
    public static TagPattern Any { get; } = new("*");

    public string Glob { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out TagPattern? pattern)
    {
        pattern = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '*' or '?'))
            {
                return false;
            }
        }

        pattern = text == "*" ? Any : new TagPattern(text);
        return true;
    }

    public override string ToString() => Glob;
}
