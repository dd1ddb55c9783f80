using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Registry.Api.Auth;
using Registry.Core.Access;

namespace Registry.Tests.Api.Auth;

/// <summary>
/// <c>/api/v1/tokens</c>: CI tokens are created by users for what they may do themselves, show their secret once,
/// are stored hashed, record when they were last used, and stop working when revoked or expired.
/// </summary>
public sealed class CiTokenManagementTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient by, object request) => by.PostAsJsonAsync("/api/v1/tokens", request);

    private async Task<JsonElement> ListedAsync(HttpClient by, string id)
    {
        using HttpResponseMessage response = await by.GetAsync("/api/v1/tokens");
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        return (await JsonAsync(response)).EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Create_ShowsTheSecretOnlyInTheCreationResponse_AndStoresOnlyItsHash()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string owner = await registry.CreateUserAsync(("namespace", ns, "developer"));
        using HttpClient client = registry.Basic(owner, AuthRegistry.Password);
        CreatedCiToken ci = await registry.CreateCiTokenAsync([ns], ["pull", "push"], client);
        using HttpClient asToken = registry.Basic(ci.Name, ci.Secret);

        using HttpResponseMessage list = await client.GetAsync("/api/v1/tokens");
        using HttpResponseMessage get = await client.GetAsync($"/api/v1/tokens/{ci.Id}");
        using HttpResponseMessage adminList = await registry.Admin.GetAsync("/api/v1/tokens");
        using HttpResponseMessage me = await asToken.GetAsync("/api/v1/me");

        Assert.StartsWith("rgt_", ci.Secret);
        foreach (HttpResponseMessage response in new[] { list, get, adminList, me })
        {
            await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
            string body = await response.Content.ReadAsStringAsync();
            Assert.Contains(ci.Id, body);
            Assert.DoesNotContain(ci.Secret, body);
            // The secret part follows rgt_<id>_ and may itself contain '_' (base64url): take all of it.
            Assert.DoesNotContain(ci.Secret[(ci.Secret.IndexOf('_', "rgt_".Length) + 1)..], body);
        }

        Assert.Equal("ci-token", (await JsonAsync(me)).GetProperty("kind").GetString());
        CiTokenRecord stored = (await registry.Service<IAccessStore>().GetCiTokenAsync(ci.Id, CancellationToken.None))!;
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(ci.Secret)), stored.SecretHash);
        Assert.Equal(owner, stored.Owner);
        Assert.Equal([ns], stored.Namespaces);
    }

    [Fact]
    public async Task Create_BeyondTheCreatorsOwnPermissions_Returns403Denied()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string elsewhere = AuthRegistry.UniqueName("ns");
        string developer = await registry.CreateUserAsync(("namespace", ns, "developer"), ("repository", elsewhere + "/app", "maintainer"));
        using HttpClient client = registry.Basic(developer, AuthRegistry.Password);

        using HttpResponseMessage allowed = await CreateAsync(client, new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { ns }, actions = new[] { "pull", "push" } });
        using HttpResponseMessage delete = await CreateAsync(client, new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { ns }, actions = new[] { "delete" } });
        using HttpResponseMessage otherNamespace = await CreateAsync(client, new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { ns, elsewhere }, actions = new[] { "pull" } });
        using HttpResponseMessage everywhere = await CreateAsync(client, new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { "*" }, actions = new[] { "pull" } });

        await OciAssert.SuccessAsync(allowed, HttpStatusCode.Created);
        await OciAssert.ErrorAsync(delete, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.ErrorAsync(otherNamespace, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.ErrorAsync(everywhere, HttpStatusCode.Forbidden, "DENIED");
        using HttpResponseMessage mine = await client.GetAsync("/api/v1/tokens");
        Assert.Single((await JsonAsync(mine)).EnumerateArray());
    }

    [Fact]
    public async Task Create_ByACiToken_Returns403Denied()
    {
        CreatedCiToken ci = await registry.CreateCiTokenAsync(["*"], ["pull", "push", "delete"]);

        using HttpResponseMessage response = await CreateAsync(registry.Basic(ci.Name, ci.Secret), new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { "*" }, actions = new[] { "pull" } });

        await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
    }

    [Fact]
    public async Task Create_ExpiryDefaultsTo90Days_AndMayNotExceed365DaysOrBePast()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;

        using HttpResponseMessage byDefault = await CreateAsync(registry.Admin, new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { "team" }, actions = new[] { "pull" } });
        using HttpResponseMessage inDays = await CreateAsync(registry.Admin, new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { "team" }, actions = new[] { "pull" }, expiresInDays = 365 });
        using HttpResponseMessage tooLong = await CreateAsync(registry.Admin, new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { "team" }, actions = new[] { "pull" }, expiresInDays = 366 });
        using HttpResponseMessage tooFar = await CreateAsync(registry.Admin, new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { "team" }, actions = new[] { "pull" }, expiresAt = now.AddDays(400) });
        using HttpResponseMessage past = await CreateAsync(registry.Admin, new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { "team" }, actions = new[] { "pull" }, expiresAt = now.AddMinutes(-1) });
        using HttpResponseMessage zero = await CreateAsync(registry.Admin, new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { "team" }, actions = new[] { "pull" }, expiresInDays = 0 });

        await OciAssert.SuccessAsync(byDefault, HttpStatusCode.Created);
        Assert.InRange((await JsonAsync(byDefault)).GetProperty("expiresAt").GetDateTimeOffset(), now.AddDays(90).AddMinutes(-1), now.AddDays(90).AddMinutes(1));
        await OciAssert.SuccessAsync(inDays, HttpStatusCode.Created);
        Assert.InRange((await JsonAsync(inDays)).GetProperty("expiresAt").GetDateTimeOffset(), now.AddDays(365).AddMinutes(-1), now.AddDays(365).AddMinutes(1));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_000_000)]
    [InlineData(int.MaxValue)]
    public async Task Create_WithAnOutOfRangeExpiresInDays_Returns400(int days)
    {
        using HttpResponseMessage response = await CreateAsync(registry.Admin, new { name = AuthRegistry.UniqueName("ci"), namespaces = new[] { "team" }, actions = new[] { "pull" }, expiresInDays = days });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("team", "manage")]
    [InlineData("team", "admin")]
    [InlineData("team/app", "pull")]
    [InlineData("Team", "pull")]
    [InlineData(null, "pull")]
    [InlineData("team", null)]
    public async Task Create_WithInvalidNamespacesOrActions_Returns400(string? ns, string? action)
    {
        using HttpResponseMessage response = await CreateAsync(registry.Admin, new
        {
            name = AuthRegistry.UniqueName("ci"),
            namespaces = ns is null ? Array.Empty<string>() : [ns],
            actions = action is null ? Array.Empty<string>() : [action],
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Create_WithATakenName_Returns409_EvenAfterRevocation()
    {
        CreatedCiToken ci = await registry.CreateCiTokenAsync(["team"], ["pull"]);
        using HttpResponseMessage revoked = await registry.Admin.DeleteAsync($"/api/v1/tokens/{ci.Id}");

        using HttpResponseMessage response = await CreateAsync(registry.Admin, new { name = ci.Name, namespaces = new[] { "team" }, actions = new[] { "pull" } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task LastUsedAt_IsEmptyUntilTheTokenIsUsed_ThenListedAfterUse()
    {
        string ns = AuthRegistry.UniqueName("ns");
        await registry.PushImageAsync(ns + "/app", "v1");
        CreatedCiToken ci = await registry.CreateCiTokenAsync([ns], ["pull"]);
        Assert.Equal(JsonValueKind.Null, (await ListedAsync(registry.Admin, ci.Id)).GetProperty("lastUsedAt").ValueKind);
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using HttpResponseMessage pulled = await registry.Basic(ci.Name, ci.Secret).GetAsync($"/v2/{ns}/app/manifests/v1");

        await OciAssert.SuccessAsync(pulled, HttpStatusCode.OK);
        DateTimeOffset lastUsed = (await ListedAsync(registry.Admin, ci.Id)).GetProperty("lastUsedAt").GetDateTimeOffset();
        Assert.InRange(lastUsed, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Revoke_StopsTheToken_ShowsRevokedAt_AndASecondRevokeReturns409()
    {
        CreatedCiToken ci = await registry.CreateCiTokenAsync(["team"], ["pull"]);
        using HttpClient asToken = registry.Basic(ci.Name, ci.Secret);
        using (HttpResponseMessage before = await asToken.GetAsync("/v2/"))
        {
            await OciAssert.SuccessAsync(before, HttpStatusCode.OK);
        }

        using HttpResponseMessage revoked = await registry.Admin.DeleteAsync($"/api/v1/tokens/{ci.Id}");
        using HttpResponseMessage again = await registry.Admin.DeleteAsync($"/api/v1/tokens/{ci.Id}");
        using HttpResponseMessage after = await asToken.GetAsync("/v2/");

        await OciAssert.SuccessAsync(revoked, HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await OciAssert.ErrorAsync(after, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.NotEqual(JsonValueKind.Null, (await ListedAsync(registry.Admin, ci.Id)).GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task OtherUsers_CannotSeeOrRevokeSomeonesToken_GlobalAdminsCan()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string owner = await registry.CreateUserAsync(("namespace", ns, "reader"));
        string stranger = await registry.CreateUserAsync(("namespace", ns, "admin"));
        CreatedCiToken ci = await registry.CreateCiTokenAsync([ns], ["pull"], registry.Basic(owner, AuthRegistry.Password));
        using HttpClient client = registry.Basic(stranger, AuthRegistry.Password);

        using HttpResponseMessage list = await client.GetAsync("/api/v1/tokens");
        using HttpResponseMessage listOwner = await client.GetAsync($"/api/v1/tokens?owner={owner}");
        using HttpResponseMessage get = await client.GetAsync($"/api/v1/tokens/{ci.Id}");
        using HttpResponseMessage revoke = await client.DeleteAsync($"/api/v1/tokens/{ci.Id}");
        using HttpResponseMessage adminListOwner = await registry.Admin.GetAsync($"/api/v1/tokens?owner={owner}");

        await OciAssert.SuccessAsync(list, HttpStatusCode.OK);
        Assert.Empty((await JsonAsync(list)).EnumerateArray());
        await OciAssert.ErrorAsync(listOwner, HttpStatusCode.Forbidden, "DENIED");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(ci.Id, Assert.Single((await JsonAsync(adminListOwner)).EnumerateArray()).GetProperty("id").GetString());
        using HttpResponseMessage stillWorks = await registry.Basic(ci.Name, ci.Secret).GetAsync("/v2/");
        await OciAssert.SuccessAsync(stillWorks, HttpStatusCode.OK);
    }

    [Fact]
    public async Task ExpiredCiToken_IsRefused()
    {
        (string id, string secret) = CiTokenSecret.Generate();
        string name = AuthRegistry.UniqueName("ci");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await registry.Service<IAccessStore>().CreateCiTokenAsync(
            new CiTokenRecord(id, name, "admin", CiTokenSecret.Hash(secret), ["team"], AccessAction.Pull, now.AddDays(-2), now.AddMinutes(-1), null, null), CancellationToken.None);

        using HttpResponseMessage v2 = await registry.Basic(name, secret).GetAsync("/v2/");
        using HttpResponseMessage token = await AuthRegistry.RequestTokenAsync(registry.Basic(name, secret), "repository:team/app:pull");

        await OciAssert.ErrorAsync(v2, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
    }

    [Fact]
    public async Task CiTokenSecret_WithAnotherTokensName_IsRefused()
    {
        CreatedCiToken first = await registry.CreateCiTokenAsync(["team"], ["pull"]);
        CreatedCiToken second = await registry.CreateCiTokenAsync(["team"], ["pull"]);

        using HttpResponseMessage response = await registry.Basic(second.Name, first.Secret).GetAsync("/v2/");

        await OciAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
