using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Tests.Api.Auth;

/// <summary>
/// <c>/api/v1/users/{name}/roles</c> and <c>/api/v1/public</c>: global admins grant anything; a namespace admin grants
/// and publishes only inside their namespace; changes take effect on the next request.
/// </summary>
public sealed class RoleManagementTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private static Task<HttpResponseMessage> PutRoleAsync(HttpClient by, string user, string kind, string? scope, string role)
        => by.PutAsJsonAsync($"/api/v1/users/{user}/roles", new { kind, scope, role });

    private async Task<HttpStatusCode> PushStatusAsync(string user, string repository)
    {
        using HttpClient client = registry.Basic(user, AuthRegistry.Password);
        using HttpResponseMessage response = await client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        return response.StatusCode;
    }

    private async Task<List<JsonElement>> RolesOfAsync(string user)
    {
        using HttpResponseMessage response = await registry.Admin.GetAsync($"/api/v1/users/{user}/roles");
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task GlobalAdmin_GrantsAndRevokesARole_WhichTakesEffectAtOnce()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string user = await registry.CreateUserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await PushStatusAsync(user, ns + "/app"));

        using HttpResponseMessage granted = await PutRoleAsync(registry.Admin, user, "namespace", ns, "developer");
        Assert.Equal(HttpStatusCode.Accepted, await PushStatusAsync(user, ns + "/app"));
        using HttpResponseMessage revoked = await registry.Admin.DeleteAsync($"/api/v1/users/{user}/roles?kind=namespace&scope={ns}");

        await OciAssert.SuccessAsync(granted, HttpStatusCode.OK);
        await OciAssert.SuccessAsync(revoked, HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Forbidden, await PushStatusAsync(user, ns + "/app"));
        Assert.Empty(await RolesOfAsync(user));
    }

    [Fact]
    public async Task GrantingOnTheSameScopeAgain_ReplacesTheRole()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string user = await registry.CreateUserAsync(("namespace", ns, "reader"));

        using HttpResponseMessage response = await PutRoleAsync(registry.Admin, user, "namespace", ns, "developer");

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        JsonElement role = Assert.Single(await RolesOfAsync(user));
        Assert.Equal("developer", role.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Accepted, await PushStatusAsync(user, ns + "/app"));
    }

    [Fact]
    public async Task NamespaceAdmin_GrantsRolesOnTheirNamespaceAndItsRepositories()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string nsAdmin = await registry.CreateUserAsync(("namespace", ns, "admin"));
        string user = await registry.CreateUserAsync();
        using HttpClient client = registry.Basic(nsAdmin, AuthRegistry.Password);

        using HttpResponseMessage onNamespace = await PutRoleAsync(client, user, "namespace", ns, "reader");
        using HttpResponseMessage onRepository = await PutRoleAsync(client, user, "repository", ns + "/app", "maintainer");
        using HttpResponseMessage revoke = await client.DeleteAsync($"/api/v1/users/{user}/roles?kind=namespace&scope={ns}");

        await OciAssert.SuccessAsync(onNamespace, HttpStatusCode.OK);
        await OciAssert.SuccessAsync(onRepository, HttpStatusCode.OK);
        await OciAssert.SuccessAsync(revoke, HttpStatusCode.NoContent);
        JsonElement remaining = Assert.Single(await RolesOfAsync(user));
        Assert.Equal(nsAdmin, remaining.GetProperty("grantedBy").GetString());
        Assert.Equal(HttpStatusCode.Accepted, await PushStatusAsync(user, ns + "/app"));
    }

    [Fact]
    public async Task NamespaceAdmin_CannotGrantOrRevokeOutsideTheirNamespace_OrGlobally_Returns403Denied()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string elsewhere = AuthRegistry.UniqueName("ns");
        string nsAdmin = await registry.CreateUserAsync(("namespace", ns, "admin"));
        string user = await registry.CreateUserAsync(("namespace", elsewhere, "reader"));
        using HttpClient client = registry.Basic(nsAdmin, AuthRegistry.Password);

        using HttpResponseMessage otherNamespace = await PutRoleAsync(client, user, "namespace", elsewhere, "admin");
        using HttpResponseMessage otherRepository = await PutRoleAsync(client, user, "repository", elsewhere + "/app", "developer");
        using HttpResponseMessage global = await PutRoleAsync(client, user, "global", null, "reader");
        using HttpResponseMessage selfGlobal = await PutRoleAsync(client, nsAdmin, "global", null, "admin");
        using HttpResponseMessage revoke = await client.DeleteAsync($"/api/v1/users/{user}/roles?kind=namespace&scope={elsewhere}");

        foreach (HttpResponseMessage response in new[] { otherNamespace, otherRepository, global, selfGlobal, revoke })
        {
            await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        }

        JsonElement unchanged = Assert.Single(await RolesOfAsync(user));
        Assert.Equal("reader", unchanged.GetProperty("role").GetString());
        Assert.Single(await RolesOfAsync(nsAdmin));
    }

    [Theory]
    [InlineData("maintainer")]
    [InlineData("developer")]
    [InlineData("reader")]
    public async Task NonAdminRole_CannotGrantEvenInItsNamespace_Returns403Denied(string role)
    {
        string ns = AuthRegistry.UniqueName("ns");
        string holder = await registry.CreateUserAsync(("namespace", ns, role));
        string user = await registry.CreateUserAsync();

        using HttpResponseMessage response = await PutRoleAsync(registry.Basic(holder, AuthRegistry.Password), user, "namespace", ns, "reader");

        await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        Assert.Empty(await RolesOfAsync(user));
    }

    [Fact]
    public async Task CiToken_CannotGrantRoles_EvenWhenCreatedByTheGlobalAdmin()
    {
        CreatedCiToken ci = await registry.CreateCiTokenAsync(["*"], ["pull", "push", "delete"]);
        string user = await registry.CreateUserAsync();

        using HttpResponseMessage response = await PutRoleAsync(registry.Basic(ci.Name, ci.Secret), user, "global", null, "admin");

        await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        Assert.Empty(await RolesOfAsync(user));
    }

    [Theory]
    [InlineData("namespace", "ns/with/slash", "reader")]
    [InlineData("namespace", "UPPER", "reader")]
    [InlineData("global", "named", "reader")]
    [InlineData("planet", "x", "reader")]
    [InlineData("namespace", "fine", "owner")]
    [InlineData("repository", "", "reader")]
    public async Task Grant_WithAnInvalidScopeOrRole_Returns400(string kind, string scope, string role)
    {
        string user = await registry.CreateUserAsync();

        using HttpResponseMessage response = await PutRoleAsync(registry.Admin, user, kind, scope, role);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await RolesOfAsync(user));
    }

    [Fact]
    public async Task Grant_WithName_AsEveryOtherApi_RevokeWithName_AndTheAnswerCarriesNameAndTheDeprecatedScope()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string user = await registry.CreateUserAsync();

        using HttpResponseMessage granted = await registry.Admin.PutAsJsonAsync($"/api/v1/users/{user}/roles", new { kind = "namespace", name = ns, role = "developer" });
        await OciAssert.SuccessAsync(granted, HttpStatusCode.OK);
        JsonElement role = Assert.Single(await RolesOfAsync(user));
        Assert.Equal(ns, role.GetProperty("name").GetString());
        Assert.Equal(ns, role.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.Accepted, await PushStatusAsync(user, ns + "/app"));

        using HttpResponseMessage revoked = await registry.Admin.DeleteAsync($"/api/v1/users/{user}/roles?kind=namespace&name={ns}");
        await OciAssert.SuccessAsync(revoked, HttpStatusCode.NoContent);
        Assert.Empty(await RolesOfAsync(user));
    }

    [Fact]
    public async Task Grant_WithNameAndADifferentDeprecatedScope_Returns400NamingBoth()
    {
        string user = await registry.CreateUserAsync();

        using HttpResponseMessage response = await registry.Admin.PutAsJsonAsync($"/api/v1/users/{user}/roles", new { kind = "namespace", name = "one", scope = "two", role = "reader" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Contains("'one'", body, StringComparison.Ordinal);
        Assert.Contains("'two'", body, StringComparison.Ordinal);
        Assert.Empty(await RolesOfAsync(user));
    }

    [Fact]
    public async Task Grant_ToAnUnknownUser_Returns404()
    {
        using HttpResponseMessage response = await PutRoleAsync(registry.Admin, AuthRegistry.UniqueName("ghost"), "namespace", "team", "reader");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Admin_CannotRevokeTheirOwnGlobalRole_Returns400()
    {
        using HttpResponseMessage response = await registry.Admin.DeleteAsync("/api/v1/users/admin/roles?kind=global");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(await RolesOfAsync("admin"), r => r.GetProperty("kind").GetString() == "global" && r.GetProperty("role").GetString() == "admin");
    }

    [Fact]
    public async Task NamespaceAdmin_PublishesTheirNamespace_ButNotAnother()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string elsewhere = AuthRegistry.UniqueName("ns");
        await registry.PushImageAsync(ns + "/app", "v1");
        string nsAdmin = await registry.CreateUserAsync(("namespace", ns, "admin"));
        using HttpClient client = registry.Basic(nsAdmin, AuthRegistry.Password);
        using HttpClient anonymous = registry.Anonymous();
        using (HttpResponseMessage before = await anonymous.GetAsync($"/v2/{ns}/app/manifests/v1"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        }

        using HttpResponseMessage own = await client.PutAsJsonAsync("/api/v1/public", new { kind = "namespace", name = ns });
        using HttpResponseMessage other = await client.PutAsJsonAsync("/api/v1/public", new { kind = "namespace", name = elsewhere });
        using HttpResponseMessage global = await client.PutAsJsonAsync("/api/v1/public", new { kind = "global" });
        using HttpResponseMessage pulled = await anonymous.GetAsync($"/v2/{ns}/app/manifests/v1");

        await OciAssert.SuccessAsync(own, HttpStatusCode.OK);
        await OciAssert.ErrorAsync(other, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.ErrorAsync(global, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.SuccessAsync(pulled, HttpStatusCode.OK);

        using HttpResponseMessage unset = await client.DeleteAsync($"/api/v1/public?kind=namespace&name={ns}");
        using HttpResponseMessage after = await anonymous.GetAsync($"/v2/{ns}/app/manifests/v1");
        await OciAssert.SuccessAsync(unset, HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
