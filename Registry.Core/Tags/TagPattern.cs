using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Registry.Core.Tags;

/// <summary>
/// The tag pattern of a protection rule: a .NET regular expression that must match the <b>whole</b> tag (it is
/// evaluated as <c>\A(?:pattern)\z</c>, so <c>1\.0</c> matches <c>1.0</c> but not <c>1.0.1</c>; write <c>1\.0.*</c>
/// for a prefix). Matching is case-sensitive (<c>(?i)</c> turns that off) and runs on the non-backtracking engine,
/// so its time is linear in the tag's length whatever the pattern; that engine has no backreferences, lookarounds or
/// atomic groups, and a pattern using them is refused when the rule is created.
/// </summary>
public static class TagPattern
{
    public const int MaxLength = 256;
    private const int MaxCached = 1024;
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>Null when the pattern is usable, else why not.</summary>
    public static string? Validate(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return "pattern must not be empty";
        }

        if (pattern.Length > MaxLength)
        {
            return $"pattern must be at most {MaxLength} characters";
        }

        if (pattern.Any(char.IsControl))
        {
            return "pattern must not contain control characters (write \\t, \\x00 and the like as escapes)";
        }

        try
        {
            _ = Create(pattern);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"pattern '{pattern}' is not a supported regular expression: {e.Message}";
        }
        catch (NotSupportedException e)
        {
            return $"pattern '{pattern}' uses a construct the non-backtracking engine does not support: {e.Message}";
        }
    }

    /// <summary>Whether the pattern (validated when its rule was created) matches the whole tag.</summary>
    public static bool IsMatch(string pattern, string tag)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!Compiled.TryGetValue(pattern, out Regex? regex))
        {
            if (Compiled.Count >= MaxCached)
            {
                Compiled.Clear();
            }

            regex = Compiled.GetOrAdd(pattern, Create);
        }

        return regex.IsMatch(tag);
    }

    private static Regex Create(string pattern)
        => new($@"\A(?:{pattern})\z", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
}
