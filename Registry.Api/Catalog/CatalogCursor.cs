using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Registry.Core.Catalog;
using Registry.Core.Primitives;

namespace Registry.Api.Catalog;

/// <summary>
/// The catalog's opaque cursors (base64url text; clients keep and send them back, never build them):
/// a <em>change cursor</em> (<c>?since=</c>) is a place in the registry's tag change sequence, and a <em>page
/// token</em> (<c>?cursor=</c>) the (repository, tag) a listing page ends at plus the change cursor of the walk's
/// first page, which every page of the walk repeats so that the last one tells where to poll from.
/// </summary>
internal static class CatalogCursor
{
    private const string ChangePrefix = "c1:";
    private const string PagePrefix = "p1:";

    public static string Change(long sequence) => Encode(ChangePrefix + sequence.ToString(CultureInfo.InvariantCulture));

    public static string Page(long walkStart, CatalogPosition after)
        => Encode($"{PagePrefix}{walkStart.ToString(CultureInfo.InvariantCulture)}:{after.Repository}:{after.Tag}");

    public static bool TryParseChange(string text, out long sequence)
    {
        sequence = 0;
        return Decode(text) is { } plain && plain.StartsWith(ChangePrefix, StringComparison.Ordinal)
            && long.TryParse(plain.AsSpan(ChangePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>A page token; names and tags hold no ':', so the parts split cleanly.</summary>
    public static bool TryParsePage(string text, out long walkStart, out CatalogPosition after)
    {
        walkStart = 0;
        after = default;
        if (Decode(text) is not { } plain || !plain.StartsWith(PagePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = plain[PagePrefix.Length..].Split(':');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out walkStart)
            || !RepositoryName.IsValid(parts[1]) || !TagName.TryParse(parts[2], out _))
        {
            return false;
        }

        after = new CatalogPosition(parts[1], parts[2]);
        return true;
    }

    private static string Encode(string plain) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(plain));

    private static string? Decode(string text)
    {
        if (text.Length > 1024)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
