using System.Net;
using System.Text;
using System.Text.Json;

namespace Registry.Tests.Api.Management;

/// <summary>
/// Every 400 of the management API is a validation problem that names the offending input in <c>errors</c>: a query
/// parameter, a body property (as the JSON path when the body did not even bind), or <c>$</c> for the body as a whole.
/// </summary>
public sealed class ManagementValidationTests : IDisposable
{
    private readonly RegistryApiFactory _factory = new();

    [Theory]
    [InlineData("GET", "/api/v1/audit?limit=0", null, "limit")]
    [InlineData("GET", "/api/v1/audit?since=yesterday", null, "since")]
    [InlineData("GET", "/api/v1/webhooks/none/deliveries?status=lost", null, "status")]
    [InlineData("GET", "/api/v1/repositories/team/app/tags?sort=size", null, "sort")]
    [InlineData("GET", "/api/v1/repositories/team/app/tags?order=up", null, "order")]
    [InlineData("GET", "/api/v1/usage?namespace=Not_Valid", null, "namespace")]
    [InlineData("GET", "/api/v1/protection-rules?repository=-bad-", null, "repository")]
    [InlineData("GET", "/api/v1/retention/runs?limit=abc", null, "limit")]
    [InlineData("GET", "/api/v1/gc?runs=0", null, "runs")]
    [InlineData("GET", "/api/v1/catalog?n=0", null, "n")]
    [InlineData("POST", "/api/v1/users", """{"name":"valid-name","password":"short"}""", "password")]
    [InlineData("POST", "/api/v1/users", """{"name":"Not Valid","password":"long-enough-password"}""", "name")]
    [InlineData("POST", "/api/v1/users", """{"name":5}""", "$.name")]
    [InlineData("POST", "/api/v1/users", """{"name":""", "$.name")]
    [InlineData("POST", "/api/v1/users", "not json", "$")]
    [InlineData("POST", "/api/v1/webhooks", """{"name":"hook","url":"ftp://example.com/","secret":"0123456789abcdef0123"}""", "url")]
    [InlineData("POST", "/api/v1/webhooks", """{"name":"hook","url":"http://example.com/","secret":"0123456789abcdef0123","actions":["explode"]}""", "actions")]
    [InlineData("POST", "/api/v1/protection-rules", """{"namespace":"team","pattern":"v1.*","kind":"sticky"}""", "kind")]
    [InlineData("POST", "/api/v1/protection-rules", """{"pattern":"v1.*","kind":"immutable"}""", "namespace")]
    [InlineData("POST", "/api/v1/tokens", """{"name":"ci","namespaces":["team"],"actions":["fly"]}""", "actions")]
    [InlineData("POST", "/api/v1/tokens", """{"name":"ci","namespaces":["Team Space"],"actions":["pull"]}""", "namespaces")]
    [InlineData("POST", "/api/v1/tokens", """{"name":"ci","namespaces":["team"],"actions":["pull"],"expiresInDays":0}""", "expiresInDays")]
    [InlineData("PUT", "/api/v1/users/admin/roles", """{"kind":"planet","scope":"earth","role":"reader"}""", "kind")]
    [InlineData("PUT", "/api/v1/users/admin/roles", """{"kind":"namespace","scope":"Not Valid","role":"reader"}""", "scope")]
    [InlineData("PUT", "/api/v1/users/admin/roles", """{"kind":"namespace","scope":"team","role":"king"}""", "role")]
    [InlineData("PUT", "/api/v1/namespaces/team/quota", """{"bytes":0}""", "bytes")]
    [InlineData("POST", "/api/v1/retention/policies", """{"name":"1-starts-with-a-digit","repositories":["*"],"untaggedOlderThan":"7.00:00:00"}""", "name")]
    [InlineData("POST", "/api/v1/retention/policies", """{"name":"nightly","repositories":["*"],"untaggedOlderThan":"00:01:00"}""", "untaggedOlderThan")]
    [InlineData("POST", "/api/v1/artifact-repositories", """{"key":"libs","type":"cobol"}""", "type")]
    public async Task ABadRequest_NamesTheOffendingField(string method, string path, string? body, string field)
    {
        using HttpClient admin = _factory.CreateRegistryClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await admin.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(text);
        Assert.Equal("invalid_request", problem.RootElement.GetProperty("code").GetString());
        Assert.True(problem.RootElement.TryGetProperty("errors", out JsonElement errors), text);
        Assert.True(errors.TryGetProperty(field, out JsonElement messages), $"expected errors.{field}: {text}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    public void Dispose() => _factory.Dispose();
}
