using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using Registry.Core.Catalog;

namespace Registry.Api.Catalog;

/// <summary>
/// The catalog's strong ETag: a hash of what the response is a function of — the caller's view (so a change of
/// permissions changes it), the view's version (which moves with every tag change and pull-count flush in the view)
/// and the query. Computing it costs one row read for the whole catalog, or one index range per range of a narrower
/// view; the tags themselves are not read.
/// </summary>
internal static class CatalogETag
{
    public static string Compute(CatalogView view, CatalogVersion version, CatalogQuery query)
    {
        string identity = $"{view}|{version.Repositories}|{version.Version}|{version.ChangeSequence}|{query}";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(identity), hash);
        return "\"" + Base64Url.EncodeToString(hash[..18]) + "\"";
    }

    /// <summary>Whether <c>If-None-Match</c> names the ETag (or is <c>*</c>); weak comparison, as RFC 9110 says for this header.</summary>
    public static bool Matches(StringValues ifNoneMatch, string etag)
    {
        foreach (string? header in ifNoneMatch)
        {
            if (header is null)
            {
                continue;
            }

            foreach (string candidate in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (candidate == "*" || (candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate) == etag)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
