using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// PEP 691's content negotiation: the JSON form (<c>application/vnd.pypi.simple.v1+json</c>) when the <c>Accept</c>
/// header prefers it by q-value, else HTML, as <c>application/vnd.pypi.simple.v1+html</c> when that was asked for by
/// name, else <c>text/html</c> (also without an <c>Accept</c> header, or when it names nothing this index serves).
/// </summary>
internal static class PypiPageFormat
{
    public const string Json = "application/vnd.pypi.simple.v1+json";
    public const string Html = "application/vnd.pypi.simple.v1+html";
    public const string TextHtml = "text/html";

    /// <summary>The media type to answer with.</summary>
    public static string Choose(StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out IList<MediaTypeHeaderValue>? offered))
        {
            return TextHtml;
        }

        string chosen = TextHtml;
        double best = 0;
        foreach (MediaTypeHeaderValue type in offered)
        {
            double quality = type.Quality ?? 1;
            string? served = type.MediaType.Value?.ToLowerInvariant() switch
            {
                Json or "application/vnd.pypi.simple.latest+json" => Json,
                Html or "application/vnd.pypi.simple.latest+html" => Html,
                "text/html" or "text/*" or "*/*" => TextHtml,
                _ => null,
            };
            if (served is not null && quality > best)
            {
                (chosen, best) = (served, quality);
            }
        }

        return chosen;
    }
}
