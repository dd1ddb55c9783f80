using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Tests.Api.Auth;

/// <summary>
/// Where a credential stops: repository tokens do not open the management API, CI tokens stop with their owner's
/// account, and every <c>scope</c> field of a token request counts.
/// </summary>
public sealed class TokenBoundaryTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    [Fact]
    public async Task ManagementApi_WithARepositoryToken_Returns401InsufficientScope()
    {
        using HttpClient bearer = await registry.BearerForAsync("admin", RegistryApiFactory.AdminPassword, "repository:team/app:pull");

        using HttpResponseMessage response = await bearer.GetAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        string challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("scope=\"registry:management:*\"", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagementApi_WithAManagementToken_ActsWithTheCallersRoles()
    {
        string user = await registry.CreateUserAsync(("namespace", "team", "reader"));
        using HttpClient admin = await registry.BearerForAsync("admin", RegistryApiFactory.AdminPassword, "registry:management:*");
        using HttpClient reader = await registry.BearerForAsync(user, AuthRegistry.Password, "registry:management:*");

        using HttpResponseMessage asAdmin = await admin.GetAsync("/api/v1/users");
        using HttpResponseMessage asReader = await reader.GetAsync("/api/v1/users");
        using HttpResponseMessage me = await reader.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
        Assert.Equal(user, (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subject").GetString());
    }

    [Fact]
    public async Task ManagementScope_IsNotGrantedToAnonymous()
    {
        using HttpClient anonymous = registry.Anonymous();

        TokenReply token = await AuthRegistry.GetTokenAsync(anonymous, "registry:management:*");

        Assert.Equal(string.Empty, token.Scope);
    }

    [Fact]
    public async Task CiToken_OfADisabledOwner_IsRefused_WithBasicAndWithItsJwt()
    {
        string owner = await registry.CreateUserAsync(("namespace", "team", "developer"));
        using HttpClient ownerClient = registry.Basic(owner, AuthRegistry.Password);
        CreatedCiToken token = await registry.CreateCiTokenAsync(["team"], ["pull"], ownerClient);
        using HttpClient basic = registry.Basic(token.Name, token.Secret);
        using HttpClient bearer = await registry.BearerForAsync(token.Name, token.Secret, "repository:team/app:pull");
        using HttpResponseMessage before = await basic.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using HttpResponseMessage disabled = await registry.Admin.PatchAsJsonAsync($"/api/v1/users/{owner}", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        using HttpResponseMessage withBasic = await basic.GetAsync("/v2/");
        using HttpResponseMessage withJwt = await bearer.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.Unauthorized, withBasic.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withJwt.StatusCode);
    }

    [Fact]
    public async Task PasswordGrant_WithRepeatedScopeFields_GrantsEveryOne()
    {
        using HttpClient anonymous = registry.Anonymous();
        var form = new FormUrlEncodedContent(
        [
            KeyValuePair.Create("grant_type", "password"),
            KeyValuePair.Create("username", "admin"),
            KeyValuePair.Create("password", RegistryApiFactory.AdminPassword),
            KeyValuePair.Create("service", "registry"),
            KeyValuePair.Create("scope", "repository:team/a:pull"),
            KeyValuePair.Create("scope", "repository:team/b:pull,push"),
        ]);

        using HttpResponseMessage response = await anonymous.PostAsync("/token", form);

        TokenReply token = await AuthRegistry.ReadTokenAsync(response);
        Assert.Equal("repository:team/a:pull repository:team/b:pull,push", token.Scope);
    }
}
