using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Tests.Api.Auth;

/// <summary>What <c>/token</c> answered, parsed.</summary>
public sealed record TokenReply(string Token, string AccessToken, long ExpiresIn, string IssuedAt, string Scope, string? RefreshToken);

/// <summary>A CI token as its creation response shows it (the only time the secret is shown).</summary>
public sealed record CreatedCiToken(string Id, string Name, string Secret);

/// <summary>
/// A registry for the auth tests (a <see cref="RegistryApiFactory"/>, optionally with extra settings) and the steps
/// they share: users with roles, CI tokens, tokens from <c>/token</c>, bearer and Basic clients, images pushed as admin.
/// TestServer gives requests no client address; here the <see cref="AddressHeader"/> header supplies one.
/// </summary>
public class AuthRegistry : IDisposable
{
    /// <summary>The password of every user the helper creates.</summary>
    public const string Password = "user-password-1";

    public const string AddressHeader = "X-Test-Client-Address";

    private readonly RegistryApiFactory _base = new();
    private readonly Lazy<HttpClient> _admin;

    public AuthRegistry()
        : this(new Dictionary<string, string>())
    {
    }

    protected AuthRegistry(IReadOnlyDictionary<string, string> settings)
        : this(settings, null)
    {
    }

    /// <summary>With extra settings and services (registered after the registry's own, so they replace them).</summary>
    protected AuthRegistry(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services)
    {
        Factory = _base.WithWebHostBuilder(builder =>
        {
            foreach ((string key, string value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(collection => collection.AddSingleton<IStartupFilter, ClientAddressFilter>());
            if (services is not null)
            {
                builder.ConfigureServices(services);
            }
        });
        _admin = new(() => Basic("admin", RegistryApiFactory.AdminPassword));
    }

    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>Basic credentials of the bootstrap admin on every request.</summary>
    public HttpClient Admin => _admin.Value;

    public T Service<T>()
        where T : notnull => Factory.Services.GetRequiredService<T>();

    public HttpClient Anonymous(string? address = null)
    {
        HttpClient client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(AddressHeader, address);
        }

        return client;
    }

    public HttpClient Basic(string name, string password, string? address = null)
    {
        HttpClient client = Anonymous(address);
        client.DefaultRequestHeaders.Authorization = BasicHeader(name, password);
        return client;
    }

    public HttpClient Bearer(string token)
    {
        HttpClient client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static AuthenticationHeaderValue BasicHeader(string name, string password)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(name + ":" + password)));

    /// <summary>A fresh, valid name for a user, CI token or namespace.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Creates a user with <see cref="Password"/> and the given roles, as admin; returns the name.</summary>
    public async Task<string> CreateUserAsync(params (string Kind, string? Scope, string Role)[] roles)
    {
        string name = UniqueName("u");
        using HttpResponseMessage created = await Admin.PostAsJsonAsync("/api/v1/users", new { name, password = Password });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
        foreach ((string kind, string? scope, string role) in roles)
        {
            await GrantAsync(Admin, name, kind, scope, role);
        }

        return name;
    }

    /// <summary>Grants a role as <paramref name="by"/> and asserts 200.</summary>
    public static async Task GrantAsync(HttpClient by, string user, string kind, string? scope, string role)
    {
        using HttpResponseMessage response = await by.PutAsJsonAsync($"/api/v1/users/{user}/roles", new { kind, scope, role });
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Marks a namespace or repository public, as admin.</summary>
    public async Task SetPublicAsync(string kind, string name)
    {
        using HttpResponseMessage response = await Admin.PutAsJsonAsync("/api/v1/public", new { kind, name });
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Creates a CI token as <paramref name="owner"/> (admin by default) and asserts 201.</summary>
    public async Task<CreatedCiToken> CreateCiTokenAsync(string[] namespaces, string[] actions, HttpClient? owner = null)
    {
        string name = UniqueName("ci");
        using HttpResponseMessage response = await (owner ?? Admin).PostAsJsonAsync("/api/v1/tokens", new { name, namespaces, actions });
        await OciAssert.SuccessAsync(response, HttpStatusCode.Created);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new CreatedCiToken(json.RootElement.GetProperty("id").GetString()!, name, json.RootElement.GetProperty("secret").GetString()!);
    }

    /// <summary><c>GET /token?service=registry&amp;scope=...</c> with whatever credentials the client sends.</summary>
    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, params string[] scopes)
    {
        string query = "service=registry" + string.Concat(scopes.Select(s => "&scope=" + Uri.EscapeDataString(s)));
        return client.GetAsync("/token?" + query);
    }

    /// <summary>A token from <c>GET /token</c>; asserts 200.</summary>
    public static async Task<TokenReply> GetTokenAsync(HttpClient client, params string[] scopes)
    {
        using HttpResponseMessage response = await RequestTokenAsync(client, scopes);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        return await ReadTokenAsync(response);
    }

    public static async Task<TokenReply> ReadTokenAsync(HttpResponseMessage response)
    {
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement root = json.RootElement;
        return new TokenReply(
            root.GetProperty("token").GetString()!,
            root.GetProperty("access_token").GetString()!,
            root.GetProperty("expires_in").GetInt64(),
            root.GetProperty("issued_at").GetString()!,
            root.GetProperty("scope").GetString()!,
            root.TryGetProperty("refresh_token", out JsonElement refresh) ? refresh.GetString() : null);
    }

    /// <summary>A client presenting a token that <paramref name="name"/> got from <c>/token</c> for the scopes (anonymous when the name is null).</summary>
    public async Task<HttpClient> BearerForAsync(string? name, string? password, params string[] scopes)
    {
        using HttpClient login = name is null ? Anonymous() : Basic(name, password!);
        return Bearer((await GetTokenAsync(login, scopes)).Token);
    }

    /// <summary>Pushes a config, a layer and an image manifest as admin (by digest when no tag is given).</summary>
    public Task<PushedManifest> PushImageAsync(string repository, string? tag = null) => Admin.PushImageAsync(repository, tag);

    /// <summary>The status of <c>GET /v2/&lt;repository&gt;/manifests/&lt;reference&gt;</c> as admin.</summary>
    public async Task<HttpStatusCode> ManifestStatusAsync(string repository, string reference)
    {
        using HttpResponseMessage response = await Admin.GetAsync($"/v2/{repository}/manifests/{reference}");
        return response.StatusCode;
    }

    /// <summary>Everything in the audit log matching the query, as JSON entries (follows every page).</summary>
    public async Task<List<JsonElement>> AuditAsync(string query = "")
    {
        var entries = new List<JsonElement>();
        string? before = null;
        do
        {
            string url = "/api/v1/audit?limit=1000" + (query.Length > 0 ? "&" + query : string.Empty) + (before is null ? string.Empty : "&before=" + before);
            using HttpResponseMessage response = await Admin.GetAsync(url);
            await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
            using JsonDocument page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            entries.AddRange(page.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone()));
            JsonElement next = page.RootElement.GetProperty("next");
            before = next.ValueKind == JsonValueKind.Null ? null : next.GetRawText();
        }
        while (before is not null);

        return entries;
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }

        Factory.Dispose();
        _base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sets the connection's remote address from <see cref="AddressHeader"/> (test only; TestServer has none).</summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(AddressHeader, out var value) && IPAddress.TryParse(value.ToString(), out IPAddress? address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
