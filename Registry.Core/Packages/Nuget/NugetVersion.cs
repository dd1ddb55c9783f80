using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Registry.Core.Packages.Nuget;

/// <summary>
/// A NuGet package version: <c>major[.minor[.patch[.revision]]][-label(.label)*][+metadata]</c>, numbers without
/// sign. <see cref="Normalized"/> follows NuGet's normalization: three parts at least (<c>1.0</c> is <c>1.0.0</c>),
/// the fourth only when not zero, leading zeros dropped, build metadata dropped. Feeds address versions by
/// <see cref="Lower"/>, the normalized text in lower case. Ordered as NuGet orders them (SemVer 2.0 precedence, labels
/// compared case-insensitively).
/// </summary>
public sealed class NugetVersion : IComparable<NugetVersion>, IEquatable<NugetVersion>
{
    private const int MaxLength = 128;

    private NugetVersion(int[] parts, string[] labels, string? metadata)
    {
        Parts = parts;
        Labels = labels;
        Metadata = metadata;
        string numbers = parts[3] > 0 ? string.Join('.', parts) : string.Join('.', parts[0], parts[1], parts[2]);
        Normalized = labels.Length > 0 ? numbers + "-" + string.Join('.', labels) : numbers;
    }

    /// <summary>Major, minor, patch, revision.</summary>
    public IReadOnlyList<int> Parts { get; }

    /// <summary>The pre-release labels (empty for a release).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The build metadata after <c>+</c>, or null.</summary>
    public string? Metadata { get; }

    public string Normalized { get; }

    public string Lower => Normalized.ToLowerInvariant();

    public bool IsPrerelease => Labels.Count > 0;

    /// <summary>SemVer 2.0 only: a dotted pre-release label or build metadata (clients ask with <c>semVerLevel=2.0.0</c>).</summary>
    public bool IsSemVer2 => Labels.Count > 1 || Metadata is not null;

    public static bool TryParse(string? text, [NotNullWhen(true)] out NugetVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Trim().Length != text.Length)
        {
            return false;
        }

        string rest = text;
        string? metadata = null;
        int plus = rest.IndexOf('+');
        if (plus >= 0)
        {
            metadata = rest[(plus + 1)..];
            rest = rest[..plus];
            if (!AreIdentifiers(metadata.Split('.')))
            {
                return false;
            }
        }

        string[] labels = [];
        int dash = rest.IndexOf('-');
        if (dash >= 0)
        {
            labels = rest[(dash + 1)..].Split('.');
            rest = rest[..dash];
            if (!AreIdentifiers(labels))
            {
                return false;
            }
        }

        string[] numbers = rest.Split('.');
        if (numbers.Length is < 1 or > 4)
        {
            return false;
        }

        int[] parts = new int[4];
        for (int i = 0; i < numbers.Length; i++)
        {
            if (numbers[i].Length == 0 || numbers[i].AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0
                || !int.TryParse(numbers[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
            {
                return false;
            }
        }

        version = new NugetVersion(parts, labels, metadata);
        return true;
    }

    public int CompareTo(NugetVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (int i = 0; i < 4; i++)
        {
            int byPart = Parts[i].CompareTo(other.Parts[i]);
            if (byPart != 0)
            {
                return byPart;
            }
        }

        if (Labels.Count == 0 || other.Labels.Count == 0)
        {
            return other.Labels.Count.CompareTo(Labels.Count);
        }

        for (int i = 0; i < Math.Min(Labels.Count, other.Labels.Count); i++)
        {
            int byLabel = CompareLabel(Labels[i], other.Labels[i]);
            if (byLabel != 0)
            {
                return byLabel;
            }
        }

        return Labels.Count.CompareTo(other.Labels.Count);
    }

    public bool Equals(NugetVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is NugetVersion other && Equals(other);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Normalized);

    public override string ToString() => Normalized;

    private static int CompareLabel(string a, string b)
    {
        bool aNumber = int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out int x);
        bool bNumber = int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out int y);
        return (aNumber, bNumber) switch
        {
            (true, true) => x.CompareTo(y),
            (true, false) => -1,
            (false, true) => 1,
            _ => StringComparer.OrdinalIgnoreCase.Compare(a, b),
        };
    }

    private static bool AreIdentifiers(string[] identifiers)
    {
        foreach (string identifier in identifiers)
        {
            if (identifier.Length == 0)
            {
                return false;
            }

            foreach (char c in identifier)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }
}
