using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Tests.Support;

/// <summary>
/// The management API calls (<c>/api/v1</c>) the end-to-end tests make to set up users, roles, public scopes and CI
/// tokens and to read the audit log; each checks the status code and fails with the whole response when it differs.
/// </summary>
internal sealed class ManagementClient(HttpClient http)
{
    /// <summary>POST /api/v1/users.</summary>
    public async Task CreateUserAsync(string name, string password, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/v1/users", new { name, password }, ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.Created, response, $"POST /api/v1/users ({name})", ct);
    }

    /// <summary>PUT /api/v1/users/NAME/roles: grants <paramref name="role"/> on a global, namespace or repository scope.</summary>
    public async Task GrantAsync(string user, string kind, string scope, string role, CancellationToken ct)
    {
        using var response = await http.PutAsJsonAsync($"api/v1/users/{user}/roles", new { kind, scope, role }, ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, response, $"PUT /api/v1/users/{user}/roles ({role} on {kind} {scope})", ct);
    }

    /// <summary>Creates a user holding one role on a namespace.</summary>
    public async Task CreateUserWithRoleAsync(string name, string password, string role, string @namespace, CancellationToken ct)
    {
        await CreateUserAsync(name, password, ct);
        await GrantAsync(name, "namespace", @namespace, role, ct);
    }

    /// <summary>PUT /api/v1/public: anyone may pull from the namespace or repository.</summary>
    public async Task SetPublicAsync(string kind, string name, CancellationToken ct)
    {
        using var response = await http.PutAsJsonAsync("api/v1/public", new { kind, name }, ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, response, $"PUT /api/v1/public ({kind} {name})", ct);
    }

    /// <summary>POST /api/v1/tokens: returns the new CI token's id and its secret (shown only in this response).</summary>
    public async Task<(string Id, string Secret)> CreateCiTokenAsync(
        string name, IReadOnlyList<string> namespaces, IReadOnlyList<string> actions, int expiresInDays, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/v1/tokens", new { name, namespaces, actions, expiresInDays }, ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.Created, response, $"POST /api/v1/tokens ({name})", ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("secret").GetString()!);
    }

    /// <summary>POST /api/v1/artifact-repositories: a repository of the type (generic or maven).</summary>
    public async Task CreateArtifactRepositoryAsync(string key, string type, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/v1/artifact-repositories", new { key, type }, ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.Created, response, $"POST /api/v1/artifact-repositories ({key})", ct);
    }

    /// <summary>DELETE /api/v1/tokens/ID.</summary>
    public async Task RevokeCiTokenAsync(string id, CancellationToken ct)
    {
        using var response = await http.DeleteAsync($"api/v1/tokens/{id}", ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.NoContent, response, $"DELETE /api/v1/tokens/{id}", ct);
    }

    /// <summary>GET /api/v1/audit?action=ACTION: the newest entries first, as (actor, target, success).</summary>
    public async Task<IReadOnlyList<(string Actor, string? Target, bool Success)>> ListAuditAsync(string action, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/v1/audit?action={Uri.EscapeDataString(action)}", ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, response, $"GET /api/v1/audit?action={action}", ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => (
                e.GetProperty("actor").GetString()!,
                e.TryGetProperty("target", out var target) ? target.GetString() : null,
                e.GetProperty("success").GetBoolean()))
            .ToList();
    }
}
