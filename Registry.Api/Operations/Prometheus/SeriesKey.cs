using System.Globalization;
using System.Text;

namespace Registry.Api.Operations.Prometheus;

/// <summary>
/// The identity of one time series within an instrument: its tag names and values. Built on the stack from the
/// tags of a measurement, so finding an existing series allocates nothing; up to four tags are held inline, more
/// are folded into one string (no instrument this registry listens to has more).
/// </summary>
internal readonly struct SeriesKey : IEquatable<SeriesKey>
{
    private readonly string? _n0, _v0, _n1, _v1, _n2, _v2, _n3, _v3;
    private readonly string? _overflow;

    private SeriesKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Count = tags.Length;
        if (tags.Length > 0)
        {
            (_n0, _v0) = (tags[0].Key, Text(tags[0].Value));
        }

        if (tags.Length > 1)
        {
            (_n1, _v1) = (tags[1].Key, Text(tags[1].Value));
        }

        if (tags.Length > 2)
        {
            (_n2, _v2) = (tags[2].Key, Text(tags[2].Value));
        }

        if (tags.Length > 3)
        {
            (_n3, _v3) = (tags[3].Key, Text(tags[3].Value));
        }

        if (tags.Length > 4)
        {
            var rest = new StringBuilder();
            foreach (KeyValuePair<string, object?> tag in tags[4..])
            {
                rest.Append(tag.Key).Append('\0').Append(Text(tag.Value)).Append('\0');
            }

            _overflow = rest.ToString();
        }
    }

    public int Count { get; }

    public static SeriesKey From(ReadOnlySpan<KeyValuePair<string, object?>> tags) => new(tags);

    /// <summary>The tags as (name, value) pairs, in measurement order; used once, when the series is created.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>(Count);
        AddIfSet(pairs, _n0, _v0);
        AddIfSet(pairs, _n1, _v1);
        AddIfSet(pairs, _n2, _v2);
        AddIfSet(pairs, _n3, _v3);
        if (_overflow is not null)
        {
            string[] parts = _overflow.Split('\0');
            for (int i = 0; i + 1 < parts.Length; i += 2)
            {
                pairs.Add(new KeyValuePair<string, string>(parts[i], parts[i + 1]));
            }
        }

        return pairs;
    }

    public bool Equals(SeriesKey other)
        => Count == other.Count
            && string.Equals(_n0, other._n0, StringComparison.Ordinal) && string.Equals(_v0, other._v0, StringComparison.Ordinal)
            && string.Equals(_n1, other._n1, StringComparison.Ordinal) && string.Equals(_v1, other._v1, StringComparison.Ordinal)
            && string.Equals(_n2, other._n2, StringComparison.Ordinal) && string.Equals(_v2, other._v2, StringComparison.Ordinal)
            && string.Equals(_n3, other._n3, StringComparison.Ordinal) && string.Equals(_v3, other._v3, StringComparison.Ordinal)
            && string.Equals(_overflow, other._overflow, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is SeriesKey other && Equals(other);

    public override int GetHashCode()
        => HashCode.Combine(_v0, _v1, _v2, _v3, _n0, _n1, _overflow);

    private static string Text(object? value)
        => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static void AddIfSet(List<KeyValuePair<string, string>> pairs, string? name, string? value)
    {
        if (name is not null)
        {
            pairs.Add(new KeyValuePair<string, string>(name, value ?? string.Empty));
        }
    }
}
