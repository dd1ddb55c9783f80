using System.Diagnostics.CodeAnalysis;

namespace Registry.Core.Tags;

/// <summary>
/// A tag read as a version: <c>MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]</c> as Semantic Versioning 2.0 writes it, with
/// an optional leading <c>v</c>, or a version line of one or two components (<c>17</c>, <c>17.0</c>, the names
/// floating tags use). Numeric components are 0 or start with 1-9 (no leading zeros) and have at most 18 digits.
/// Only full versions carry a pre-release or build part.
/// <para>
/// Precedence (<see cref="CompareTo"/>) is SemVer's: components numerically (<c>1.10.0</c> after <c>1.9.2</c>), a
/// pre-release before its release, pre-release identifiers one by one (numeric ones numerically and before
/// alphanumeric ones; a shorter list first when the lists agree), build metadata and the <c>v</c> ignored. A version
/// line sorts after every version in it (<c>17.0</c> after <c>17.0.12</c>, <c>17</c> after <c>17.9.0</c>): it
/// stands for the newest of them. Tags cannot contain <c>+</c>, so build metadata only ever comes from other text.
/// </para>
/// </summary>
public sealed class SemanticVersion : IComparable<SemanticVersion>
{
    private const int MaxDigits = 18;

    private SemanticVersion(string text, bool hasPrefix, long major, long? minor, long? patch, string[] preRelease, string? build)
    {
        Text = text;
        HasPrefix = hasPrefix;
        Major = major;
        Minor = minor;
        Patch = patch;
        PreRelease = preRelease;
        Build = build;
    }

    /// <summary>The text it was parsed from.</summary>
    public string Text { get; }

    /// <summary>Written with a leading <c>v</c> (<c>v1.2.3</c>).</summary>
    public bool HasPrefix { get; }

    public long Major { get; }

    /// <summary>Null for a major line (<c>17</c>).</summary>
    public long? Minor { get; }

    /// <summary>Null for a major or minor line (<c>17</c>, <c>17.0</c>).</summary>
    public long? Patch { get; }

    /// <summary>The dot-separated pre-release identifiers; empty for a release.</summary>
    public IReadOnlyList<string> PreRelease { get; }

    public string? Build { get; }

    /// <summary>All three components are present.</summary>
    public bool IsFull => Patch is not null;

    public bool IsPreRelease => PreRelease.Count > 0;

    /// <summary>A full version without a pre-release part: what floating tags follow.</summary>
    public bool IsRelease => IsFull && !IsPreRelease;

    /// <summary>The <c>v</c> when the version was written with one; floating tags keep the spelling of what they follow.</summary>
    public string Prefix => HasPrefix ? "v" : string.Empty;

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SemanticVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        ReadOnlySpan<char> rest = text;
        bool prefixed = rest[0] == 'v';
        if (prefixed)
        {
            rest = rest[1..];
        }

        string? build = null;
        int plus = rest.IndexOf('+');
        if (plus >= 0)
        {
            if (!AreIdentifiers(rest[(plus + 1)..], numericRule: false))
            {
                return false;
            }

            build = rest[(plus + 1)..].ToString();
            rest = rest[..plus];
        }

        string[] preRelease = [];
        int dash = rest.IndexOf('-');
        if (dash >= 0)
        {
            if (!AreIdentifiers(rest[(dash + 1)..], numericRule: true))
            {
                return false;
            }

            preRelease = rest[(dash + 1)..].ToString().Split('.');
            rest = rest[..dash];
        }

        long?[] numbers = new long?[3];
        int count = 0;
        foreach (Range part in rest.Split('.'))
        {
            if (count == 3 || !TryNumber(rest[part], out long value))
            {
                return false;
            }

            numbers[count++] = value;
        }

        if (count < 3 && (preRelease.Length > 0 || build is not null))
        {
            return false;   // only full versions are pre-releases or carry build metadata
        }

        version = new SemanticVersion(text, prefixed, numbers[0]!.Value, numbers[1], numbers[2], preRelease, build);
        return true;
    }

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        int result = Major.CompareTo(other.Major);
        if (result == 0)
        {
            result = CompareLine(Minor, other.Minor);
        }

        if (result == 0)
        {
            result = CompareLine(Patch, other.Patch);
        }

        return result != 0 ? result : ComparePreRelease(PreRelease, other.PreRelease);
    }

    public override string ToString() => Text;

    /// <summary>A missing component (a version line) sorts after every present one.</summary>
    private static int CompareLine(long? a, long? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        _ => a.Value.CompareTo(b.Value),
    };

    private static int ComparePreRelease(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return b.Count.CompareTo(a.Count);   // a release (no identifiers) comes after any pre-release
        }

        for (int i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            bool aNumeric = long.TryParse(a[i], System.Globalization.NumberStyles.None, null, out long aValue) && a[i].Length <= MaxDigits;
            bool bNumeric = long.TryParse(b[i], System.Globalization.NumberStyles.None, null, out long bValue) && b[i].Length <= MaxDigits;
            int result = (aNumeric, bNumeric) switch
            {
                (true, true) => aValue.CompareTo(bValue),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (result != 0)
            {
                return result;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > MaxDigits || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>Dot-separated, non-empty identifiers of <c>[0-9A-Za-z-]</c>; pre-release numeric ones without leading zeros.</summary>
    private static bool AreIdentifiers(ReadOnlySpan<char> text, bool numericRule)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (Range part in text.Split('.'))
        {
            ReadOnlySpan<char> identifier = text[part];
            if (identifier.IsEmpty)
            {
                return false;
            }

            bool numeric = true;
            foreach (char c in identifier)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }

                numeric &= char.IsAsciiDigit(c);
            }

            if (numericRule && numeric && identifier.Length > 1 && identifier[0] == '0')
            {
                return false;
            }
        }

        return true;
    }
}
