using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Tests.Api.Auth;

/// <summary><c>/api/v1/users</c> and <c>/api/v1/me</c>: global admins manage accounts; users read themselves and change their own password.</summary>
public sealed class UserManagementTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private async Task<HttpStatusCode> SignInStatusAsync(string user, string password)
    {
        using HttpClient client = registry.Basic(user, password);
        using HttpResponseMessage response = await client.GetAsync("/api/v1/me");
        return response.StatusCode;
    }

    [Fact]
    public async Task CreateUser_Returns201_AndTheUserCanSignIn()
    {
        string name = AuthRegistry.UniqueName("u");

        using HttpResponseMessage created = await registry.Admin.PostAsJsonAsync("/api/v1/users", new { name, password = AuthRegistry.Password });
        using HttpResponseMessage me = await registry.Basic(name, AuthRegistry.Password).GetAsync("/api/v1/me");

        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/users/{name}", created.Headers.Location?.OriginalString);
        string body = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain(AuthRegistry.Password, body);
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
        await OciAssert.SuccessAsync(me, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        Assert.Equal(name, json.RootElement.GetProperty("subject").GetString());
        Assert.Equal("user", json.RootElement.GetProperty("kind").GetString());
        Assert.False(json.RootElement.GetProperty("globalAdmin").GetBoolean());
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("with space")]
    [InlineData("token:ci")]
    [InlineData("a/b")]
    [InlineData("anonymous")]
    [InlineData("")]
    [InlineData("x123456789012345678901234567890123456789012345678901234567890abcd")]
    public async Task CreateUser_WithAnInvalidName_Returns400(string name)
    {
        using HttpResponseMessage response = await registry.Admin.PostAsJsonAsync("/api/v1/users", new { name, password = AuthRegistry.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1234567")]
    public async Task CreateUser_WithAShortPassword_Returns400(string? password)
    {
        using HttpResponseMessage response = await registry.Admin.PostAsJsonAsync("/api/v1/users", new { name = AuthRegistry.UniqueName("u"), password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at least 8", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Password_ThatLooksLikeACiTokenSecret_IsRefusedWith400()
    {
        // Basic credentials whose password starts with rgt_ are checked as a CI token secret, so such a password could
        // never sign in; it is refused when it is set rather than locking the account out silently.
        string user = await registry.CreateUserAsync();

        using HttpResponseMessage create = await registry.Admin.PostAsJsonAsync("/api/v1/users", new { name = AuthRegistry.UniqueName("u"), password = "rgt_a-long-password" });
        using HttpResponseMessage change = await registry.Admin.PutAsJsonAsync($"/api/v1/users/{user}/password", new { password = "rgt_a-long-password" });

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Contains("rgt_", await create.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(user, AuthRegistry.Password));
    }

    [Fact]
    public async Task CreateUser_ThatExists_Returns409()
    {
        string name = await registry.CreateUserAsync();

        using HttpResponseMessage response = await registry.Admin.PostAsJsonAsync("/api/v1/users", new { name, password = "another-password" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(name, AuthRegistry.Password));
    }

    [Fact]
    public async Task NonAdmin_CannotListCreateOrReadOtherUsers_Returns403Denied_ButReadsThemselves()
    {
        string user = await registry.CreateUserAsync(("namespace", AuthRegistry.UniqueName("ns"), "admin"));
        using HttpClient client = registry.Basic(user, AuthRegistry.Password);

        using HttpResponseMessage list = await client.GetAsync("/api/v1/users");
        using HttpResponseMessage create = await client.PostAsJsonAsync("/api/v1/users", new { name = AuthRegistry.UniqueName("u"), password = AuthRegistry.Password });
        using HttpResponseMessage other = await client.GetAsync("/api/v1/users/admin");
        using HttpResponseMessage self = await client.GetAsync($"/api/v1/users/{user}");

        await OciAssert.ErrorAsync(list, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.ErrorAsync(create, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.ErrorAsync(other, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.SuccessAsync(self, HttpStatusCode.OK);
    }

    [Fact]
    public async Task NonAdmin_CannotDisableAnotherUser_Returns403Denied_AndTheUserStaysEnabled()
    {
        string victim = await registry.CreateUserAsync();
        string user = await registry.CreateUserAsync(("namespace", AuthRegistry.UniqueName("ns"), "admin"));
        using HttpClient client = registry.Basic(user, AuthRegistry.Password);

        using HttpResponseMessage disable = await client.PatchAsJsonAsync($"/api/v1/users/{victim}", new { disabled = true });

        await OciAssert.ErrorAsync(disable, HttpStatusCode.Forbidden, "DENIED");
        Assert.Contains("changing users needs the global admin role", await disable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage still = await registry.Basic(victim, AuthRegistry.Password).GetAsync($"/api/v1/users/{victim}");
        await OciAssert.SuccessAsync(still, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_GetsUsers_Returns401()
    {
        using HttpResponseMessage response = await registry.Anonymous().GetAsync("/api/v1/users");

        await OciAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task ChangingOwnPassword_NeedsTheCurrentPassword()
    {
        string user = await registry.CreateUserAsync();
        using HttpClient client = registry.Basic(user, AuthRegistry.Password);
        const string newPassword = "brand-new-password";

        using HttpResponseMessage missing = await client.PutAsJsonAsync($"/api/v1/users/{user}/password", new { password = newPassword });
        using HttpResponseMessage wrong = await client.PutAsJsonAsync($"/api/v1/users/{user}/password", new { password = newPassword, currentPassword = "not-it-at-all" });
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(user, AuthRegistry.Password));
        using HttpResponseMessage right = await client.PutAsJsonAsync($"/api/v1/users/{user}/password", new { password = newPassword, currentPassword = AuthRegistry.Password });

        await OciAssert.ErrorAsync(missing, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.ErrorAsync(wrong, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.SuccessAsync(right, HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(user, newPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(user, AuthRegistry.Password));
    }

    [Fact]
    public async Task UserCannotChangeAnotherUsersPassword_AdminCanWithoutTheCurrentOne()
    {
        string user = await registry.CreateUserAsync();
        string other = await registry.CreateUserAsync();

        using HttpResponseMessage byUser = await registry.Basic(user, AuthRegistry.Password)
            .PutAsJsonAsync($"/api/v1/users/{other}/password", new { password = "taken-over-password", currentPassword = AuthRegistry.Password });
        using HttpResponseMessage byAdmin = await registry.Admin.PutAsJsonAsync($"/api/v1/users/{other}/password", new { password = "reset-by-admin" });

        await OciAssert.ErrorAsync(byUser, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.SuccessAsync(byAdmin, HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(other, "taken-over-password"));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(other, "reset-by-admin"));
    }

    [Fact]
    public async Task DisabledUser_CannotLogInAnywhere_UntilEnabledAgain()
    {
        string user = await registry.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(user, AuthRegistry.Password));

        using HttpResponseMessage disable = await registry.Admin.PatchAsJsonAsync($"/api/v1/users/{user}", new { disabled = true });
        using HttpClient client = registry.Basic(user, AuthRegistry.Password);
        using HttpResponseMessage v2 = await client.GetAsync("/v2/");
        using HttpResponseMessage token = await AuthRegistry.RequestTokenAsync(client);
        using HttpResponseMessage grant = await registry.Anonymous().PostAsync("/token", new FormUrlEncodedContent(
            [KeyValuePair.Create("grant_type", "password"), KeyValuePair.Create("username", user), KeyValuePair.Create("password", AuthRegistry.Password)]));

        await OciAssert.SuccessAsync(disable, HttpStatusCode.OK);
        using (JsonDocument json = JsonDocument.Parse(await disable.Content.ReadAsStringAsync()))
        {
            Assert.True(json.RootElement.GetProperty("disabled").GetBoolean());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(user, AuthRegistry.Password));
        await OciAssert.ErrorAsync(v2, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, grant.StatusCode);

        using HttpResponseMessage enable = await registry.Admin.PatchAsJsonAsync($"/api/v1/users/{user}", new { disabled = false });
        await OciAssert.SuccessAsync(enable, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(user, AuthRegistry.Password));
    }

    [Fact]
    public async Task DeletedUser_CannotLogIn_AndDeletingAgainReturns404()
    {
        string user = await registry.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(user, AuthRegistry.Password));

        using HttpResponseMessage deleted = await registry.Admin.DeleteAsync($"/api/v1/users/{user}");
        using HttpResponseMessage again = await registry.Admin.DeleteAsync($"/api/v1/users/{user}");

        await OciAssert.SuccessAsync(deleted, HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(user, AuthRegistry.Password));
    }

    [Fact]
    public async Task Admin_CannotDisableOrDeleteThemselves_Returns400()
    {
        using HttpResponseMessage disable = await registry.Admin.PatchAsJsonAsync("/api/v1/users/admin", new { disabled = true });
        using HttpResponseMessage delete = await registry.Admin.DeleteAsync("/api/v1/users/admin");

        Assert.Equal(HttpStatusCode.BadRequest, disable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync("admin", RegistryApiFactory.AdminPassword));
    }

    [Fact]
    public async Task ListUsers_ShowsNamesAndRoles_ButNoPasswordHashes()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string user = await registry.CreateUserAsync(("namespace", ns, "developer"));

        using HttpResponseMessage response = await registry.Admin.GetAsync("/api/v1/users");

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", body, StringComparison.Ordinal); // the Identity hasher's V3 prefix, base64
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement entry = json.RootElement.EnumerateArray().Single(u => u.GetProperty("name").GetString() == user);
        JsonElement role = Assert.Single(entry.GetProperty("roles").EnumerateArray());
        Assert.Equal("namespace", role.GetProperty("kind").GetString());
        Assert.Equal(ns, role.GetProperty("scope").GetString());
        Assert.Equal("developer", role.GetProperty("role").GetString());
        Assert.Equal("admin", role.GetProperty("grantedBy").GetString());
    }
}
