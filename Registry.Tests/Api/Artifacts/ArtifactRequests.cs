using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Artifacts;

/// <summary>Request shortcuts for the artifact API and the checksums the tests compare with (computed here, not by the server).</summary>
public static class ArtifactRequests
{
    /// <summary>Creates an artifact repository with a fresh key as <paramref name="admin"/>; asserts 201 and returns the key.</summary>
    public static async Task<string> CreateArtifactRepositoryAsync(this HttpClient admin, string type = "generic", bool allowRedeploy = false)
    {
        string key = AuthRegistry.UniqueName("art");
        using HttpResponseMessage response = await admin.PostAsJsonAsync("/api/v1/artifact-repositories", new { key, type, allowRedeploy, description = "test" });
        await OciAssert.SuccessAsync(response, HttpStatusCode.Created);
        return key;
    }

    public static Task<HttpResponseMessage> DeployAsync(this HttpClient client, string url, byte[] body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(body) };
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    /// <summary>Deploys and asserts 201.</summary>
    public static async Task<JsonElement> DeployOkAsync(this HttpClient client, string url, byte[] body, params (string Name, string Value)[] headers)
    {
        using HttpResponseMessage response = await client.DeployAsync(url, body, headers);
        await OciAssert.SuccessAsync(response, HttpStatusCode.Created);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using HttpResponseMessage response = await client.GetAsync(url);
        await OciAssert.SuccessAsync(response, expected);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The Artifactory error body's first message, after asserting the status.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement error = json.RootElement.GetProperty("errors")[0];
        Assert.Equal((int)status, error.GetProperty("status").GetInt32());
        return error.GetProperty("message").GetString()!;
    }

    public static string Sha1(byte[] content) => Convert.ToHexStringLower(SHA1.HashData(content));

    public static string Md5(byte[] content) => Convert.ToHexStringLower(MD5.HashData(content));

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The search results' storage URIs, as paths after <c>/api/storage/</c>.</summary>
    public static List<string> ResultPaths(JsonElement results)
        => [.. results.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("uri").GetString()!).Select(u => u[(u.IndexOf("/api/storage/", StringComparison.Ordinal) + 13)..]).Order(StringComparer.Ordinal)];
}
