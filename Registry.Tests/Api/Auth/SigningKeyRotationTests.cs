using System.Net;
using System.Text.Json;

namespace Registry.Tests.Api.Auth;

/// <summary>
/// <c>/api/v1/auth/keys</c> and <c>/api/v1/auth/keys/rotate</c>: after a rotation new tokens carry the new key id,
/// tokens (and refresh tokens) issued before it keep working until they expire.
/// </summary>
public sealed class SigningKeyRotationTests(IdentityTokenRegistry registry) : IClassFixture<IdentityTokenRegistry>
{
    private async Task<(string Repository, string Reader)> SetUpAsync()
    {
        string ns = AuthRegistry.UniqueName("ns");
        await registry.PushImageAsync(ns + "/app", "v1");
        return (ns + "/app", await registry.CreateUserAsync(("namespace", ns, "reader")));
    }

    private async Task<string> RotateAsync()
    {
        using HttpResponseMessage response = await registry.Admin.PostAsync("/api/v1/auth/keys/rotate", null);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ES256", json.RootElement.GetProperty("algorithm").GetString());
        return json.RootElement.GetProperty("keyId").GetString()!;
    }

    private async Task<HttpStatusCode> PullAsync(string token, string repository)
    {
        using HttpClient client = registry.Bearer(token);
        using HttpResponseMessage response = await client.GetAsync($"/v2/{repository}/manifests/v1");
        return response.StatusCode;
    }

    [Fact]
    public async Task TokenIssuedBeforeRotation_StillWorks_AndNewTokensCarryTheNewKid()
    {
        (string repository, string reader) = await SetUpAsync();
        using HttpClient login = registry.Basic(reader, AuthRegistry.Password);
        string before = (await AuthRegistry.GetTokenAsync(login, $"repository:{repository}:pull")).Token;

        string newKid = await RotateAsync();
        string after = (await AuthRegistry.GetTokenAsync(login, $"repository:{repository}:pull")).Token;

        Assert.NotEqual(newKid, Jwt.Header(before).GetProperty("kid").GetString());
        Assert.Equal(newKid, Jwt.Header(after).GetProperty("kid").GetString());
        Assert.Equal(HttpStatusCode.OK, await PullAsync(before, repository)); // first used after the rotation: not served from a cache
        Assert.Equal(HttpStatusCode.OK, await PullAsync(after, repository));
    }

    [Fact]
    public async Task RefreshTokenIssuedBeforeRotation_StillGetsAnAccessToken()
    {
        (string repository, string reader) = await SetUpAsync();
        using HttpResponseMessage offline = await registry.Basic(reader, AuthRegistry.Password).GetAsync("/token?service=registry&offline_token=true");
        string refresh = (await AuthRegistry.ReadTokenAsync(offline)).RefreshToken!;

        string newKid = await RotateAsync();
        using HttpResponseMessage response = await registry.Anonymous().PostAsync("/token", new FormUrlEncodedContent(
            [KeyValuePair.Create("grant_type", "refresh_token"), KeyValuePair.Create("refresh_token", refresh), KeyValuePair.Create("scope", $"repository:{repository}:pull")]));

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        string token = (await AuthRegistry.ReadTokenAsync(response)).Token;
        Assert.Equal(newKid, Jwt.Header(token).GetProperty("kid").GetString());
        Assert.Equal(HttpStatusCode.OK, await PullAsync(token, repository));
    }

    [Fact]
    public async Task KeyList_ShowsTheRetiredAndTheActiveKey_WithoutPrivateKeys()
    {
        using HttpResponseMessage before = await registry.Admin.GetAsync("/api/v1/auth/keys");
        await OciAssert.SuccessAsync(before, HttpStatusCode.OK);
        string previousKid;
        using (JsonDocument json = JsonDocument.Parse(await before.Content.ReadAsStringAsync()))
        {
            previousKid = json.RootElement.EnumerateArray().Single(k => k.GetProperty("retiredAt").ValueKind == JsonValueKind.Null).GetProperty("keyId").GetString()!;
        }

        string newKid = await RotateAsync();
        using HttpResponseMessage after = await registry.Admin.GetAsync("/api/v1/auth/keys");

        string body = await after.Content.ReadAsStringAsync();
        Assert.DoesNotContain("private", body, StringComparison.OrdinalIgnoreCase);
        using JsonDocument keys = JsonDocument.Parse(body);
        JsonElement active = keys.RootElement.EnumerateArray().Single(k => k.GetProperty("retiredAt").ValueKind == JsonValueKind.Null);
        Assert.Equal(newKid, active.GetProperty("keyId").GetString());
        JsonElement old = keys.RootElement.EnumerateArray().Single(k => k.GetProperty("keyId").GetString() == previousKid);
        Assert.NotEqual(JsonValueKind.Null, old.GetProperty("retiredAt").ValueKind);
    }

    [Fact]
    public async Task Rotation_NeedsTheGlobalAdminRole_AndIsAudited()
    {
        string nsAdmin = await registry.CreateUserAsync(("namespace", AuthRegistry.UniqueName("ns"), "admin"));
        CreatedCiToken ci = await registry.CreateCiTokenAsync(["*"], ["pull", "push", "delete"]);

        using HttpResponseMessage byNamespaceAdmin = await registry.Basic(nsAdmin, AuthRegistry.Password).PostAsync("/api/v1/auth/keys/rotate", null);
        using HttpResponseMessage byCiToken = await registry.Basic(ci.Name, ci.Secret).PostAsync("/api/v1/auth/keys/rotate", null);
        using HttpResponseMessage listByNamespaceAdmin = await registry.Basic(nsAdmin, AuthRegistry.Password).GetAsync("/api/v1/auth/keys");
        string newKid = await RotateAsync();

        await OciAssert.ErrorAsync(byNamespaceAdmin, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.ErrorAsync(byCiToken, HttpStatusCode.Forbidden, "DENIED");
        await OciAssert.ErrorAsync(listByNamespaceAdmin, HttpStatusCode.Forbidden, "DENIED");
        JsonElement entry = Assert.Single(await registry.AuditAsync($"action=key.rotate&target={newKid}"));
        Assert.Equal("admin", entry.GetProperty("actor").GetString());
    }
}
