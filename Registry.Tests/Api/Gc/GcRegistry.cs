using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Tests.Auth;

namespace Registry.Tests.Api.Gc;

/// <summary>
/// A registry of its own (collection is global) with no background passes, no review delay, and a clock the test
/// moves, so a test decides when pins (one hour) expire and when a pass runs.
/// </summary>
public sealed class GcRegistry : IDisposable
{
    private readonly RegistryApiFactory _base = new();
    private readonly WebApplicationFactory<Program> _factory;

    public GcRegistry()
    {
        _factory = _base.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Registry:Gc:Enabled", "false");
            builder.UseSetting("Registry:Gc:ReviewDelay", "00:00:00");
            builder.UseSetting("Registry:Gc:PinDuration", "01:00:00");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
        Client = ClientFor("admin", RegistryApiFactory.AdminPassword);
    }

    /// <summary>A client sending the account's Basic credentials, or none when <paramref name="name"/> is null.</summary>
    public HttpClient ClientFor(string? name, string? password = null)
    {
        HttpClient client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (name is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(name + ":" + password)));
        }

        return client;
    }

    internal ManualTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    /// <summary>Basic credentials of the bootstrap admin on every request.</summary>
    public HttpClient Client { get; }

    public RegistryApiFactory Storage => _base;

    public T Service<T>()
        where T : notnull => _factory.Services.GetRequiredService<T>();

    /// <summary>Moves the clock past every pin written so far.</summary>
    public void ExpirePins() => Clock.Advance(TimeSpan.FromMinutes(61));

    /// <summary><c>POST /api/v1/gc/run</c>; the digests it removed.</summary>
    public async Task<(HashSet<string> Removed, long Bytes)> RunAsync()
    {
        JsonElement result = await CallAsync(HttpMethod.Post, "/api/v1/gc/run");
        Assert.Equal(0, result.GetProperty("run").GetProperty("errors").GetInt32());
        return (Digests(result), result.GetProperty("bytes").GetInt64());
    }

    /// <summary><c>GET /api/v1/gc/preview</c>; the digests a pass would remove.</summary>
    public async Task<(HashSet<string> Removed, long Bytes)> PreviewAsync()
    {
        JsonElement result = await CallAsync(HttpMethod.Get, "/api/v1/gc/preview");
        Assert.True(result.GetProperty("dryRun").GetBoolean());
        return (Digests(result), result.GetProperty("bytes").GetInt64());
    }

    public async Task<JsonElement> CallAsync(HttpMethod method, string url)
    {
        using HttpResponseMessage response = await Client.SendAsync(new HttpRequestMessage(method, url));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {url} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static HashSet<string> Digests(JsonElement result)
        => [.. result.GetProperty("blobs").EnumerateArray().Select(b => b.GetProperty("digest").GetString()!)];

    public void Dispose()
    {
        Client.Dispose();
        _factory.Dispose();
        _base.Dispose();
    }
}
