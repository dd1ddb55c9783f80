using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Registry.Tests.Api;

/// <summary>One page of a tag list or the catalog, and the next-page link if the registry sent one.</summary>
public sealed record Page(IReadOnlyList<string> Items, string? Link, string? NextUrl);

/// <summary>Reads paginated lists (<c>tags</c> or <c>repositories</c>) and follows their <c>Link</c> headers.</summary>
public static partial class Pages
{
    public static async Task<Page> GetAsync(HttpClient client, string url, string property)
    {
        using HttpResponseMessage response = await client.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.ContentType());
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement items = json.RootElement.GetProperty(property);
        List<string> list = items.ValueKind == JsonValueKind.Null ? [] : [.. items.EnumerateArray().Select(e => e.GetString()!)];
        string? link = response.Headers.TryGetValues("Link", out IEnumerable<string>? values) ? string.Join(", ", values) : null;
        string? next = null;
        if (link is not null)
        {
            Match match = NextLink().Match(link);
            Assert.True(match.Success, $"Link header '{link}' is not of the form <url>; rel=\"next\"");
            next = match.Groups["url"].Value;
        }

        return new Page(list, link, next);
    }

    /// <summary>Follows Link headers from <paramref name="firstUrl"/> to the end; fails if it loops.</summary>
    public static async Task<List<Page>> WalkAsync(HttpClient client, string firstUrl, string property, int maxPages = 1000)
    {
        var pages = new List<Page>();
        string? url = firstUrl;
        while (url is not null)
        {
            Assert.True(pages.Count < maxPages, "pagination did not end");
            Page page = await GetAsync(client, url, property);
            pages.Add(page);
            url = page.NextUrl;
        }

        return pages;
    }

    [GeneratedRegex("^<(?<url>[^>]+)>;\\s*rel=\"next\"$")]
    private static partial Regex NextLink();
}
