using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Tests.Support;

/// <summary>
/// The tag management calls the end-to-end tests make (history, restore, protection rules, floating-tag settings);
/// each checks the status code and fails with the whole response when it differs.
/// </summary>
internal sealed class TagManagementClient(HttpClient http)
{
    /// <summary>GET .../tags/TAG/history: every entry, newest first, as (kind, oldDigest, newDigest, actor).</summary>
    public async Task<IReadOnlyList<(string Kind, string? Old, string? New, string? Actor)>> HistoryAsync(string repository, string tag, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/v1/repositories/{repository}/tags/{tag}/history?n=1000", ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, response, $"GET history of {repository}:{tag}", ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("kind").GetString()!, e.GetProperty("oldDigest").GetString(), e.GetProperty("newDigest").GetString(), e.GetProperty("actor").GetString()))
            .ToList();
    }

    /// <summary>POST .../tags/TAG/restore.</summary>
    public async Task RestoreAsync(string repository, string tag, string digest, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"api/v1/repositories/{repository}/tags/{tag}/restore", new { digest }, ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, response, $"POST restore of {repository}:{tag} to {digest}", ct);
    }

    /// <summary>POST /api/v1/protection-rules on a namespace; returns the rule's id.</summary>
    public async Task<long> CreateNamespaceRuleAsync(string @namespace, string pattern, string kind, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/v1/protection-rules", new { @namespace, pattern, kind }, ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.Created, response, $"POST /api/v1/protection-rules ({kind} '{pattern}' on {@namespace})", ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>PUT .../settings.</summary>
    public async Task SetFloatingTagsAsync(string repository, bool floatingTags, bool floatLatest, CancellationToken ct)
    {
        using var response = await http.PutAsJsonAsync($"api/v1/repositories/{repository}/settings", new { floatingTags, floatLatest }, ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, response, $"PUT settings of {repository}", ct);
    }
}
