using System.Net;
using System.Text.Json;

namespace Registry.Tests.Api.Management;

/// <summary>
/// The management API describes itself: an OpenAPI document at <c>/api/v1/openapi.json</c> and a reference page at
/// <c>/api/v1/docs</c>, both readable without credentials, and every error under <c>/api/v1</c> is an RFC 9457
/// problem with the stable <c>code</c> the reference page lists.
/// </summary>
public sealed class ManagementOpenApiTests : IDisposable
{
    private readonly RegistryApiFactory _factory = new();

    [Fact]
    public async Task OpenApiDocument_IsServedAnonymously_AndDescribesTheManagementOperations()
    {
        using HttpClient anonymous = _factory.CreateClient();

        using HttpResponseMessage response = await anonymous.GetAsync("/api/v1/openapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Registry management API", root.GetProperty("info").GetProperty("title").GetString());
        string[] paths = [.. root.GetProperty("paths").EnumerateObject().Select(p => p.Name)];
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
        Assert.Contains("/api/v1/protection-rules", paths);
        Assert.Contains("/api/v1/webhooks", paths);
        Assert.Contains("/api/v1/namespaces/{ns}/quota", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/v2", StringComparison.Ordinal) || p.StartsWith("/ui", StringComparison.Ordinal));
        JsonElement quota = root.GetProperty("paths").GetProperty("/api/v1/namespaces/{ns}/quota");
        Assert.True(quota.TryGetProperty("put", out _) && quota.TryGetProperty("delete", out _), quota.GetRawText());
        JsonElement schemas = root.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("ArtifactRepositoryRequest").GetProperty("properties").TryGetProperty("remote", out _), schemas.GetRawText());
        Assert.True(schemas.GetProperty("RemoteSourceRequest").GetProperty("properties").TryGetProperty("password", out _));
        Assert.False(schemas.GetProperty("RemoteSourceModel").GetProperty("properties").TryGetProperty("password", out _));
        Assert.True(schemas.GetProperty("RemoteSourceModel").GetProperty("properties").TryGetProperty("hasPassword", out _));
        Assert.True(schemas.GetProperty("ArtifactRepositoryModel").GetProperty("properties").TryGetProperty("virtual", out _));
    }

    [Fact]
    public async Task ReferencePage_IsServedAnonymously_AndListsEveryProblemCode()
    {
        using HttpClient anonymous = _factory.CreateClient();

        using HttpResponseMessage response = await anonymous.GetAsync("/api/v1/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string html = await response.Content.ReadAsStringAsync();
        foreach (string code in new[] { "invalid_request", "unauthorized", "denied", "tag_protected", "not_found", "method_not_allowed", "conflict", "too_many_requests", "internal_error" })
        {
            Assert.Contains($"id=\"problem-{code}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Errors_AreProblemDetails_WithAStableCode_AndTheOffendingField()
    {
        using HttpClient anonymous = _factory.CreateClient();
        using HttpClient admin = _factory.CreateRegistryClient();

        using HttpResponseMessage unauthorized = await anonymous.GetAsync("/api/v1/users");
        using HttpResponseMessage invalid = await admin.DeleteAsync("/api/v1/repositories/team/app/tags/-not-a-tag-");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("application/problem+json", unauthorized.Content.Headers.ContentType?.MediaType);
        using (JsonDocument problem = JsonDocument.Parse(await unauthorized.Content.ReadAsStringAsync()))
        {
            Assert.Equal("unauthorized", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("/api/v1/docs#problem-unauthorized", problem.RootElement.GetProperty("type").GetString());
        }

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        using (JsonDocument problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()))
        {
            Assert.Equal("invalid_request", problem.RootElement.GetProperty("code").GetString());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("tag", out JsonElement messages), problem.RootElement.GetRawText());
            Assert.Contains("not a valid tag", messages[0].GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("traceId").GetString()));
        }
    }

    public void Dispose() => _factory.Dispose();
}
