using System.Globalization;
using Registry.Api.Http;
using Registry.Core.Errors;

namespace Registry.Api.Oci;

/// <summary>The <c>n</c> and <c>last</c> query parameters of tag lists and the catalog, and the <c>Link</c> to the next page.</summary>
internal readonly record struct Pagination(int? Limit, string? Last)
{
    public static bool TryParse(HttpRequest request, int maxPageSize, out Pagination pagination, out OciErrorResult? error)
    {
        pagination = default;
        error = null;
        string? last = request.Query["last"];
        string? n = request.Query["n"];
        int? limit = null;
        if (n is not null)
        {
            if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
            {
                error = OciResults.Error(OciErrorCode.PaginationNumberInvalid, $"n must be a non-negative integer, not '{n}'");
                return false;
            }

            limit = Math.Min(parsed, maxPageSize);
        }

        pagination = new Pagination(limit, string.IsNullOrEmpty(last) ? null : last);
        return true;
    }

    public static string NextLink(string path, int limit, string last)
        => $"<{path}?n={limit.ToString(CultureInfo.InvariantCulture)}&last={Uri.EscapeDataString(last)}>; rel=\"next\"";
}
