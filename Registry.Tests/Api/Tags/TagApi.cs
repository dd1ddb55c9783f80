using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Tests.Api.Tags;

/// <summary>The management calls the tag tests make: history, restore, listings, protection rules and settings.</summary>
internal static class TagApi
{
    /// <summary>A tag's history page as JSON; asserts 200.</summary>
    public static async Task<JsonElement> HistoryAsync(HttpClient client, string repository, string tag, string query = "")
    {
        using HttpResponseMessage response = await client.GetAsync($"/api/v1/repositories/{repository}/tags/{tag}/history{query}");
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Every entry of a tag's history, newest first, as (kind, oldDigest, newDigest, actor).</summary>
    public static async Task<List<(string Kind, string? Old, string? New, string? Actor)>> EntriesAsync(HttpClient client, string repository, string tag)
    {
        JsonElement page = await HistoryAsync(client, repository, tag, "?n=1000");
        return [.. page.GetProperty("entries").EnumerateArray().Select(e => (
            e.GetProperty("kind").GetString()!,
            e.GetProperty("oldDigest").GetString(),
            e.GetProperty("newDigest").GetString(),
            e.GetProperty("actor").GetString()))];
    }

    public static Task<HttpResponseMessage> RestoreAsync(HttpClient client, string repository, string tag, string digest)
        => client.PostAsJsonAsync($"/api/v1/repositories/{repository}/tags/{tag}/restore", new { digest });

    /// <summary>POST /api/v1/protection-rules; the response is the caller's to check.</summary>
    public static Task<HttpResponseMessage> CreateRuleAsync(HttpClient client, string? @namespace, string? repository, string pattern, string kind)
        => client.PostAsJsonAsync("/api/v1/protection-rules", new { @namespace, repository, pattern, kind });

    /// <summary>Creates a rule and returns its id; asserts 201.</summary>
    public static async Task<long> CreateRuleIdAsync(HttpClient client, string? @namespace, string? repository, string pattern, string kind)
    {
        using HttpResponseMessage response = await CreateRuleAsync(client, @namespace, repository, pattern, kind);
        await OciAssert.SuccessAsync(response, HttpStatusCode.Created);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>The ids of the rules a listing returns; asserts 200.</summary>
    public static async Task<List<long>> RuleIdsAsync(HttpClient client, string query = "")
    {
        using HttpResponseMessage response = await client.GetAsync("/api/v1/protection-rules" + query);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];
    }

    /// <summary>PUT .../settings; asserts 200.</summary>
    public static async Task SetFloatingAsync(HttpClient client, string repository, bool floatingTags, bool floatLatest)
    {
        using HttpResponseMessage response = await client.PutAsJsonAsync($"/api/v1/repositories/{repository}/settings", new { floatingTags, floatLatest });
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The management tag listing as (name, digest); asserts 200.</summary>
    public static async Task<List<(string Name, string Digest, DateTimeOffset PushedAt)>> ListAsync(HttpClient client, string repository, string query = "")
    {
        using HttpResponseMessage response = await client.GetAsync($"/api/v1/repositories/{repository}/tags{query}");
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("tags").EnumerateArray().Select(t => (
            t.GetProperty("name").GetString()!,
            t.GetProperty("digest").GetString()!,
            t.GetProperty("pushedAt").GetDateTimeOffset()))];
    }

    /// <summary>Where the tag points now, by GET /v2/.../manifests/TAG (null when it is gone).</summary>
    public static async Task<string?> TargetAsync(HttpClient client, string repository, string tag)
    {
        using HttpRequestMessage request = new(HttpMethod.Head, $"/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue(MediaTypes.OciManifest));
        using HttpResponseMessage response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK ? response.Header("Docker-Content-Digest") : null;
    }

    /// <summary>The message of an error body: a problem's detail (/api/v1) or the first OCI error's message (/v2/).</summary>
    public static async Task<string> ErrorMessageAsync(HttpResponseMessage response)
    {
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("detail", out JsonElement detail)
            ? detail.GetString()!
            : json.RootElement.GetProperty("errors")[0].GetProperty("message").GetString()!;
    }
}
