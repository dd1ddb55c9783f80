using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Tests.Support;

namespace Registry.Tests.Hosting;

/// <summary>Forwarded headers are believed from configured proxies only: they decide the audited client address and the token realm.</summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task FromATrustedProxy_ClientAddressAndRealmComeFromTheForwardedHeaders()
    {
        await using RegistryProcess registry = await RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["Registry__Network__TrustedProxies__0"] = "127.0.0.0/8",
        });

        (string? audited, string challenge) = await FailLoginThroughProxyAsync(registry);

        Assert.Equal("203.0.113.9", audited);
        Assert.Contains("realm=\"https://registry.example.com/token\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTrustedProxies_ForwardedHeadersAreIgnored()
    {
        await using RegistryProcess registry = await RegistryProcess.StartAsync();

        (string? audited, string challenge) = await FailLoginThroughProxyAsync(registry);

        Assert.Equal("127.0.0.1", audited);
        Assert.Contains($"realm=\"http://{registry.HostPort}/token\"", challenge, StringComparison.Ordinal);
    }

    /// <summary>Sends a wrong password and an anonymous request as a proxy would forward them; returns the audited address and the challenge.</summary>
    private static async Task<(string? Address, string Challenge)> FailLoginThroughProxyAsync(RegistryProcess registry)
    {
        using HttpClient anonymous = registry.CreateAnonymousClient();
        using var failed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        failed.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("forwarded-user:wrong-password"u8.ToArray()));
        AddForwardedHeaders(failed);
        using HttpResponseMessage refused = await anonymous.SendAsync(failed);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var probe = new HttpRequestMessage(HttpMethod.Get, "/v2/");
        AddForwardedHeaders(probe);
        using HttpResponseMessage challenged = await anonymous.SendAsync(probe);

        using HttpClient admin = registry.CreateClient();
        using JsonDocument audit = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/audit?actor=forwarded-user&action=login.failure"));
        JsonElement entry = Assert.Single(audit.RootElement.GetProperty("entries").EnumerateArray());
        return (entry.GetProperty("clientAddress").GetString(), challenged.Headers.WwwAuthenticate.ToString());
    }

    private static void AddForwardedHeaders(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "registry.example.com");
    }
}
