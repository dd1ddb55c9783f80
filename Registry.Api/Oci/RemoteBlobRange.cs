using Microsoft.Net.Http.Headers;

namespace Registry.Api.Oci;

/// <summary>
/// The one byte range a request's <c>Range</c> header asks of a blob of <c>total</c> bytes (RFC 9110 14.2):
/// <c>bytes=a-b</c>, <c>bytes=a-</c> or <c>bytes=-n</c>. A header that is absent, not in bytes, malformed or asks
/// for several ranges is ignored (the whole blob is sent, as the RFC allows); a range that starts past the end is
/// not satisfiable (416).
/// </summary>
internal readonly record struct RemoteBlobRange(long Start, long End, bool Satisfiable)
{
    public static RemoteBlobRange? Of(HttpRequest request, long total)
    {
        string header = request.Headers.Range.ToString();
        if (header.Length == 0
            || !RangeHeaderValue.TryParse(header, out RangeHeaderValue? parsed)
            || !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase)
            || parsed.Ranges.Count != 1)
        {
            return null;
        }

        RangeItemHeaderValue item = parsed.Ranges.First();
        if (item.From is { } from)
        {
            return from >= total
                ? new RemoteBlobRange(0, 0, false)
                : new RemoteBlobRange(from, Math.Min(item.To ?? total - 1, total - 1), true);
        }

        long suffix = item.To ?? 0;
        return suffix <= 0 || total == 0
            ? new RemoteBlobRange(0, 0, false)
            : new RemoteBlobRange(Math.Max(0, total - suffix), total - 1, true);
    }
}
