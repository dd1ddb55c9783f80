using Microsoft.Extensions.Primitives;

namespace Registry.Api.Oci;

/// <summary>Whether a request's Accept header admits a media type (no header admits everything).</summary>
internal static class AcceptHeader
{
    public static bool Allows(StringValues accept, string mediaType)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return true;
        }

        foreach (string? value in accept)
        {
            if (value is null)
            {
                continue;
            }

            foreach (Range range in value.AsSpan().Split(','))
            {
                ReadOnlySpan<char> item = value.AsSpan(range);
                int semicolon = item.IndexOf(';');
                if (semicolon >= 0)
                {
                    item = item[..semicolon];
                }

                item = item.Trim();
                if (item.Equals(mediaType, StringComparison.OrdinalIgnoreCase) || item is "*/*" or "application/*")
                {
                    return true;
                }
            }
        }

        return false;
    }
}
