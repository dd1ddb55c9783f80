using System.Diagnostics.CodeAnalysis;

namespace Registry.Core.Packages.Nuget;

/// <summary>
/// A dependency's version range as a nuspec writes it: <c>1.0</c> (at least 1.0), <c>[1.0]</c> (exactly),
/// <c>[1.0,2.0)</c>, <c>(,2.0]</c>, <c>(1.0,)</c>; an absent or empty range allows every version. <see cref="Normalized"/>
/// is NuGet's own text of it (<c>[1.0.0, )</c>), as registrations carry it.
/// </summary>
public sealed record NugetVersionRange(NugetVersion? Min, bool MinInclusive, NugetVersion? Max, bool MaxInclusive)
{
    public static NugetVersionRange All { get; } = new(null, false, null, false);

    public string Normalized
    {
        get
        {
            if (Min is not null && Max is not null && MinInclusive && MaxInclusive && Min.Equals(Max))
            {
                return $"[{Min.Normalized}]";
            }

            return Min is null && Max is null ? "(, )"
                : $"{(MinInclusive ? '[' : '(')}{Min?.Normalized}, {Max?.Normalized}{(MaxInclusive ? ']' : ')')}";
        }
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out NugetVersionRange? range)
    {
        range = null;
        string value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            range = All;
            return true;
        }

        if (value[0] is not ('[' or '('))
        {
            if (!NugetVersion.TryParse(value, out NugetVersion? least))
            {
                return false;
            }

            range = new NugetVersionRange(least, true, null, false);
            return true;
        }

        if (value.Length < 2 || value[^1] is not (']' or ')'))
        {
            return false;
        }

        bool minInclusive = value[0] == '[', maxInclusive = value[^1] == ']';
        string[] bounds = value[1..^1].Split(',');
        if (bounds.Length == 1)
        {
            if (!minInclusive || !maxInclusive || !NugetVersion.TryParse(bounds[0].Trim(), out NugetVersion? exact))
            {
                return false;
            }

            range = new NugetVersionRange(exact, true, exact, true);
            return true;
        }

        if (bounds.Length != 2 || !TryBound(bounds[0], out NugetVersion? min) || !TryBound(bounds[1], out NugetVersion? max)
            || (min is not null && max is not null && (min.CompareTo(max) > 0 || (min.Equals(max) && !(minInclusive && maxInclusive)))))
        {
            return false;
        }

        range = new NugetVersionRange(min, min is not null && minInclusive, max, max is not null && maxInclusive);
        return true;
    }

    private static bool TryBound(string text, out NugetVersion? version)
    {
        version = null;
        string trimmed = text.Trim();
        return trimmed.Length == 0 || NugetVersion.TryParse(trimmed, out version);
    }
}
