namespace Registry.Core.Artifacts;

/// <summary>
/// Maven's version order, simplified: versions split at <c>.</c> and <c>-</c> compare item by item, numbers
/// numerically and before words, a missing item (<c>1.0</c> against <c>1.0.1</c>) lowest, and a qualified version
/// (<c>1.0-SNAPSHOT</c>, <c>1.0-beta</c>) before its release (<c>1.0</c>).
/// </summary>
public sealed class MavenVersionComparer : IComparer<string>
{
    public static MavenVersionComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        string[] left = x.Split('.', '-');
        string[] right = y.Split('.', '-');
        for (int i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            if (i >= left.Length)
            {
                return IsNumber(right[i]) ? -1 : 1;
            }

            if (i >= right.Length)
            {
                return IsNumber(left[i]) ? 1 : -1;
            }

            int compared = CompareItem(left[i], right[i]);
            if (compared != 0)
            {
                return compared;
            }
        }

        return 0;
    }

    private static int CompareItem(string a, string b)
    {
        bool numberA = IsNumber(a);
        bool numberB = IsNumber(b);
        if (numberA && numberB)
        {
            string trimmedA = a.TrimStart('0');
            string trimmedB = b.TrimStart('0');
            return trimmedA.Length != trimmedB.Length ? trimmedA.Length.CompareTo(trimmedB.Length) : string.CompareOrdinal(trimmedA, trimmedB);
        }

        if (numberA != numberB)
        {
            return numberA ? 1 : -1;
        }

        return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsNumber(string item) => item.Length > 0 && item.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
