using System.Globalization;

namespace Registry.Api.Oci;

/// <summary>
/// A chunk's <c>Content-Range</c>: <c>start-end</c> inclusive, as the distribution spec writes it; the RFC 9110
/// form <c>bytes start-end/total</c> is accepted too.
/// </summary>
internal readonly record struct ContentRange(long Start, long End)
{
    public long Length => End - Start + 1;

    public static bool TryParse(string? text, out ContentRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        ReadOnlySpan<char> span = text.AsSpan().Trim();
        if (span.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            span = span[6..].TrimStart();
        }

        int slash = span.IndexOf('/');
        if (slash >= 0)
        {
            span = span[..slash];
        }

        int dash = span.IndexOf('-');
        if (dash <= 0
            || !long.TryParse(span[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out long start)
            || !long.TryParse(span[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long end)
            || end < start)
        {
            return false;
        }

        range = new ContentRange(start, end);
        return true;
    }
}
