using System.Diagnostics.CodeAnalysis;
using Registry.Core.Tags;

namespace Registry.Core.Transfer;

/// <summary>
/// A range of versions such as <c>&gt;=17.0.0 &lt;18</c>: comparators separated by spaces must all hold, alternatives
/// separated by <c>||</c> (<c>&lt;2 || &gt;=3.1</c>) are tried in turn. A comparator is <c>&gt;=</c>, <c>&gt;</c>,
/// <c>&lt;=</c>, <c>&lt;</c> or <c>=</c> (or nothing, meaning <c>=</c>) and a version with one to three components
/// (missing ones are 0: <c>&lt;18</c> is <c>&lt;18.0.0</c>), an optional leading <c>v</c> and, on a full version, a
/// pre-release part. Only tags that are full versions (<see cref="SemanticVersion.IsFull"/>) can match; they are
/// compared by SemVer precedence. As npm's ranges do, a pre-release matches only when a comparator of its alternative
/// names a pre-release of the same version: <c>&gt;=17.0.0 &lt;18</c> leaves out <c>18.0.0-rc.1</c> and
/// <c>17.1.0-beta</c>, <c>&gt;=17.0.0-rc.1 &lt;18</c> takes <c>17.0.0-rc.2</c>.
/// </summary>
public sealed class SemverRange
{
    private readonly IReadOnlyList<IReadOnlyList<Comparator>> _alternatives;

    private SemverRange(string text, IReadOnlyList<IReadOnlyList<Comparator>> alternatives)
    {
        Text = text;
        _alternatives = alternatives;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SemverRange? range, [NotNullWhen(false)] out string? error)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a version range must not be empty";
            return false;
        }

        if (text.Length > 256)
        {
            error = "a version range is at most 256 characters";
            return false;
        }

        var alternatives = new List<IReadOnlyList<Comparator>>();
        foreach (string alternative in text.Split("||"))
        {
            var comparators = new List<Comparator>();
            foreach (string token in Tokens(alternative))
            {
                if (!TryComparator(token, out Comparator? comparator))
                {
                    error = $"'{token}' in version range '{text.Trim()}' is not a comparator such as >=17.0.0, <18 or =1.2.3";
                    return false;
                }

                comparators.Add(comparator);
            }

            if (comparators.Count == 0)
            {
                error = $"version range '{text.Trim()}' has an empty alternative";
                return false;
            }

            alternatives.Add(comparators);
        }

        range = new SemverRange(text.Trim(), alternatives);
        error = null;
        return true;
    }

    /// <summary>Whether the tag is a full version inside the range.</summary>
    public bool Contains(string tag)
        => SemanticVersion.TryParse(tag, out SemanticVersion? version) && version.IsFull && Contains(version);

    public bool Contains(SemanticVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        foreach (IReadOnlyList<Comparator> alternative in _alternatives)
        {
            if (alternative.All(c => c.Holds(version)) && (!version.IsPreRelease || alternative.Any(c => c.AdmitsPreReleaseOf(version))))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Text;

    /// <summary>The comparators of one alternative; an operator written apart from its version (<c>&gt;= 17</c>) joins it.</summary>
    private static IEnumerable<string> Tokens(string alternative)
    {
        string? pending = null;
        foreach (string part in alternative.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part is ">=" or ">" or "<=" or "<" or "=")
            {
                pending = (pending ?? string.Empty) + part;
                continue;
            }

            yield return (pending ?? string.Empty) + part;
            pending = null;
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    private static bool TryComparator(string token, [NotNullWhen(true)] out Comparator? comparator)
    {
        comparator = null;
        string op = token.StartsWith(">=", StringComparison.Ordinal) ? ">="
            : token.StartsWith("<=", StringComparison.Ordinal) ? "<="
            : token.StartsWith('>') ? ">"
            : token.StartsWith('<') ? "<"
            : token.StartsWith('=') ? "="
            : string.Empty;
        string versionText = token[op.Length..];
        if (!SemanticVersion.TryParse(versionText, out SemanticVersion? written) || written.Build is not null)
        {
            return false;
        }

        // A partial version is its first release: <18 is <18.0.0, >=17.1 is >=17.1.0.
        SemanticVersion? bound = written;
        if (!written.IsFull)
        {
            string full = $"{written.Major}.{written.Minor ?? 0}.{written.Patch ?? 0}";
            if (!SemanticVersion.TryParse(full, out bound))
            {
                return false;
            }
        }

        comparator = new Comparator(op.Length == 0 ? "=" : op, bound);
        return true;
    }

    private sealed record Comparator(string Operator, SemanticVersion Bound)
    {
        public bool AdmitsPreReleaseOf(SemanticVersion version)
            => Bound.IsPreRelease && Bound.Major == version.Major && Bound.Minor == version.Minor && Bound.Patch == version.Patch;

        public bool Holds(SemanticVersion version)
        {
            int order = version.CompareTo(Bound);
            return Operator switch
            {
                ">=" => order >= 0,
                ">" => order > 0,
                "<=" => order <= 0,
                "<" => order < 0,
                _ => order == 0,
            };
        }
    }
}
