using System.Globalization;

namespace Registry.Core.Packages.Npm;

/// <summary>
/// A semantic version as npm publishes it (semver 2.0.0: <c>MAJOR.MINOR.PATCH</c>, optional <c>-prerelease</c> and
/// <c>+build</c>, no leading zeros), compared by semver precedence (build metadata ignored, then the text as a tie-break
/// so that ordering is total).
/// </summary>
public sealed class NpmVersion : IComparable<NpmVersion>
{
    private readonly string[] _prerelease;

    private NpmVersion(string text, ulong major, ulong minor, ulong patch, string[] prerelease)
    {
        Text = text;
        Major = major;
        Minor = minor;
        Patch = patch;
        _prerelease = prerelease;
    }

    public string Text { get; }

    public ulong Major { get; }

    public ulong Minor { get; }

    public ulong Patch { get; }

    public bool IsPrerelease => _prerelease.Length > 0;

    public override string ToString() => Text;

    public static NpmVersion? TryParse(string? text, out string? error)
    {
        error = $"'{text}' is not a valid semver version (MAJOR.MINOR.PATCH[-prerelease][+build])";
        if (string.IsNullOrEmpty(text) || text.Length > NpmLimits.MaxVersionLength)
        {
            return null;
        }

        int plus = text.IndexOf('+', StringComparison.Ordinal);
        string core = plus < 0 ? text : text[..plus];
        if (plus >= 0 && !Identifiers(text[(plus + 1)..], numericRule: false, out _))
        {
            return null;
        }

        int dash = core.IndexOf('-', StringComparison.Ordinal);
        string[] prerelease = [];
        if (dash >= 0 && !Identifiers(core[(dash + 1)..], numericRule: true, out prerelease))
        {
            return null;
        }

        string[] numbers = (dash < 0 ? core : core[..dash]).Split('.');
        if (numbers.Length != 3 || !Numeric(numbers[0], out ulong major) || !Numeric(numbers[1], out ulong minor) || !Numeric(numbers[2], out ulong patch))
        {
            return null;
        }

        error = null;
        return new NpmVersion(text, major, minor, patch, prerelease);
    }

    public static bool IsValid(string? text) => TryParse(text, out _) is not null;

    public int CompareTo(NpmVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        int byNumbers = Major != other.Major ? Major.CompareTo(other.Major)
            : Minor != other.Minor ? Minor.CompareTo(other.Minor)
            : Patch.CompareTo(other.Patch);
        if (byNumbers != 0)
        {
            return byNumbers;
        }

        int byPrerelease = ComparePrerelease(_prerelease, other._prerelease);
        return byPrerelease != 0 ? byPrerelease : string.CompareOrdinal(Text, other.Text);
    }

    private static int ComparePrerelease(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return b.Length.CompareTo(a.Length);
        }

        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            bool aNumeric = ulong.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out ulong an);
            bool bNumeric = ulong.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out ulong bn);
            int compared = aNumeric && bNumeric ? an.CompareTo(bn)
                : aNumeric ? -1
                : bNumeric ? 1
                : string.CompareOrdinal(a[i], b[i]);
            if (compared != 0)
            {
                return compared;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static bool Numeric(string part, out ulong value)
    {
        value = 0;
        return part.Length > 0 && (part.Length == 1 || part[0] != '0')
            && ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool Identifiers(string text, bool numericRule, out string[] parts)
    {
        parts = text.Split('.');
        foreach (string part in parts)
        {
            if (part.Length == 0 || part.AsSpan().IndexOfAnyExcept("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") >= 0)
            {
                return false;
            }

            if (numericRule && part.Length > 1 && part[0] == '0' && part.AsSpan().IndexOfAnyExcept("0123456789") < 0)
            {
                return false;
            }
        }

        return true;
    }
}
