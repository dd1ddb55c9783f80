using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Registry.Tests.Api.Catalog;

/// <summary>A response of <c>GET /api/v1/catalog</c>, parsed.</summary>
public sealed record CatalogResponse(HttpStatusCode Status, string? ETag, string? NextUrl, JsonElement Body)
{
    public string? Next => Body.GetProperty("next").GetString();

    public string Cursor => Body.GetProperty("cursor").GetString()!;

    /// <summary>Every tag of the page as (repository, tag JSON), in the order shown.</summary>
    public IReadOnlyList<(string Repository, JsonElement Tag)> Tags
        => [.. Body.GetProperty("repositories").EnumerateArray()
            .SelectMany(r => r.GetProperty("tags").EnumerateArray().Select(t => (r.GetProperty("name").GetString()!, t)))];

    /// <summary>The tags as <c>repository:tag</c>, with <c> deleted</c> after tombstones.</summary>
    public IReadOnlyList<string> Names
        => [.. Tags.Select(t => $"{t.Repository}:{t.Tag.GetProperty("tag").GetString()}" + (t.Tag.TryGetProperty("deleted", out _) ? " deleted" : string.Empty))];

    public JsonElement Entry(string repository, string tag)
        => Tags.Single(t => t.Repository == repository && t.Tag.GetProperty("tag").GetString() == tag).Tag;
}

/// <summary>Calls of the catalog endpoint and pushes of images whose config the tests choose.</summary>
public static partial class CatalogApi
{
    public static async Task<CatalogResponse> GetAsync(HttpClient client, string query = "", string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/catalog" + (query.Length > 0 ? "?" + query : string.Empty));
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await SendAsync(client, request);
    }

    /// <summary>A GET that must answer 200.</summary>
    public static async Task<CatalogResponse> ListAsync(HttpClient client, string query = "")
    {
        CatalogResponse response = await GetAsync(client, query);
        Assert.True(response.Status == HttpStatusCode.OK, $"GET /api/v1/catalog?{query} answered {(int)response.Status}: {response.Body}");
        return response;
    }

    /// <summary>Follows the Link headers from the first page to the last.</summary>
    public static async Task<List<CatalogResponse>> WalkAsync(HttpClient client, string query)
    {
        var pages = new List<CatalogResponse> { await ListAsync(client, query) };
        while (pages[^1].NextUrl is { } next)
        {
            Assert.True(pages.Count < 1000, "the catalog's pages did not end");
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            CatalogResponse page = await SendAsync(client, request);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            pages.Add(page);
        }

        return pages;
    }

    /// <summary>
    /// Pushes a config with the platform and labels, a 64-byte layer (random, so every image is unique) and an OCI
    /// image manifest; returns the manifest and the config's size.
    /// </summary>
    public static async Task<(PushedManifest Manifest, int ConfigSize)> PushImageAsync(HttpClient client, string repository, string? tag,
        string os = "linux", string architecture = "amd64", string? variant = null,
        IReadOnlyDictionary<string, string>? labels = null, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var config = new JsonObject
        {
            ["architecture"] = architecture,
            ["os"] = os,
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray() },
            ["config"] = new JsonObject { ["Labels"] = labels is null ? null : Manifests.ToJson(labels) },
        };
        if (variant is not null)
        {
            config["variant"] = variant;
        }

        byte[] configBytes = Manifests.Encode(config);
        byte[] layer = Digests.RandomBytes(64);
        await client.PushBlobAsync(repository, configBytes);
        await client.PushBlobAsync(repository, layer);
        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, configBytes), [Descriptor.For(MediaTypes.OciLayer, layer)], annotations: annotations);
        return (await client.PushManifestAsync(repository, manifest, MediaTypes.OciManifest, tag), configBytes.Length);
    }

    public static async Task DeleteTagAsync(HttpClient client, string repository, string tag)
    {
        using HttpResponseMessage response = await client.DeleteAsync($"/api/v1/repositories/{repository}/tags/{tag}");
        await OciAssert.SuccessAsync(response, HttpStatusCode.NoContent);
    }

    private static async Task<CatalogResponse> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using HttpResponseMessage response = await client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        JsonElement json = body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        string? next = null;
        if (response.Headers.TryGetValues("Link", out IEnumerable<string>? links))
        {
            Match match = NextLink().Match(string.Join(", ", links));
            Assert.True(match.Success, $"Link header '{string.Join(", ", links)}' is not <url>; rel=\"next\"");
            next = match.Groups["url"].Value;
        }

        EntityTagHeaderValue? etag = response.Headers.ETag;
        return new CatalogResponse(response.StatusCode, etag?.ToString(), next, json);
    }

    [GeneratedRegex("^<(?<url>[^>]+)>;\\s*rel=\"next\"$")]
    private static partial Regex NextLink();
}
