using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Core.Access;

namespace Registry.Tests.Api.Auth;

/// <summary>
/// The <c>refresh_token</c> grant of <c>/token</c>: a refresh token (<c>docker login</c>'s identity token) gets fresh
/// access tokens while its account is active, and nothing else passes for one.
/// </summary>
public sealed class RefreshTokenTests(IdentityTokenRegistry registry) : IClassFixture<IdentityTokenRegistry>
{
    private async Task<string> RepositoryAsync()
    {
        string repository = AuthRegistry.UniqueName("ns") + "/app";
        await registry.PushImageAsync(repository, "v1");
        return repository;
    }

    private async Task<HttpResponseMessage> PostAsync(params (string Key, string Value)[] form)
    {
        using HttpClient client = registry.Anonymous();
        return await client.PostAsync("/token", new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value))));
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken, string? scope = null)
        => PostAsync(("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("service", "registry"), ("scope", scope ?? string.Empty));

    private async Task<string> OfflineLoginAsync(string user, string password)
    {
        using HttpResponseMessage login = await PostAsync(("grant_type", "password"), ("username", user), ("password", password), ("access_type", "offline"));
        await OciAssert.SuccessAsync(login, HttpStatusCode.OK);
        return (await AuthRegistry.ReadTokenAsync(login)).RefreshToken!;
    }

    private static async Task AssertInvalidGrantAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_grant", json.RootElement.GetProperty("error").GetString());
    }

    private async Task<HttpStatusCode> PullAsync(string token, string repository)
    {
        using HttpClient client = registry.Bearer(token);
        using HttpResponseMessage response = await client.GetAsync($"/v2/{repository}/manifests/v1");
        return response.StatusCode;
    }

    [Fact]
    public async Task RefreshTokenGrant_ReturnsAWorkingAccessToken_ButNoNewRefreshToken()
    {
        string repository = await RepositoryAsync();
        string user = await registry.CreateUserAsync(("repository", repository, "reader"));
        string refresh = await OfflineLoginAsync(user, AuthRegistry.Password);

        using HttpResponseMessage response = await RefreshAsync(refresh, $"repository:{repository}:pull");

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        TokenReply reply = await AuthRegistry.ReadTokenAsync(response);
        Assert.Equal(user, Jwt.Payload(reply.Token).GetProperty("sub").GetString());
        Assert.Equal([$"repository:{repository}:pull"], Jwt.Access(reply.Token));
        Assert.Null(reply.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await PullAsync(reply.Token, repository));
    }

    [Fact]
    public async Task RefreshToken_GrantsByCurrentRoles_NotByThoseAtLogin()
    {
        string repository = await RepositoryAsync();
        string user = await registry.CreateUserAsync(("repository", repository, "reader"));
        string refresh = await OfflineLoginAsync(user, AuthRegistry.Password);
        await AuthRegistry.GrantAsync(registry.Admin, user, "repository", repository, "developer");

        using HttpResponseMessage response = await RefreshAsync(refresh, $"repository:{repository}:pull,push");

        Assert.Equal([$"repository:{repository}:pull,push"], Jwt.Access((await AuthRegistry.ReadTokenAsync(response)).Token));
    }

    [Fact]
    public async Task RefreshTokenOfADeletedUser_Returns401InvalidGrant()
    {
        string user = await registry.CreateUserAsync();
        string refresh = await OfflineLoginAsync(user, AuthRegistry.Password);
        using HttpResponseMessage deleted = await registry.Admin.DeleteAsync($"/api/v1/users/{user}");
        await OciAssert.SuccessAsync(deleted, HttpStatusCode.NoContent);

        using HttpResponseMessage response = await RefreshAsync(refresh);

        await AssertInvalidGrantAsync(response);
    }

    [Fact]
    public async Task RefreshTokenOfADisabledUser_Returns401InvalidGrant()
    {
        string user = await registry.CreateUserAsync();
        string refresh = await OfflineLoginAsync(user, AuthRegistry.Password);
        using HttpResponseMessage disabled = await registry.Admin.PatchAsJsonAsync($"/api/v1/users/{user}", new { disabled = true });
        await OciAssert.SuccessAsync(disabled, HttpStatusCode.OK);

        using HttpResponseMessage response = await RefreshAsync(refresh);

        await AssertInvalidGrantAsync(response);
    }

    [Fact]
    public async Task RefreshTokenOfARevokedCiToken_Returns401InvalidGrant()
    {
        CreatedCiToken ci = await registry.CreateCiTokenAsync(["team"], ["pull"]);
        using HttpResponseMessage offline = await registry.Basic(ci.Name, ci.Secret).GetAsync("/token?service=registry&offline_token=true");
        string refresh = (await AuthRegistry.ReadTokenAsync(offline)).RefreshToken!;
        Assert.Equal(ci.Id, Jwt.Payload(refresh).GetProperty("ctid").GetString());
        using (HttpResponseMessage before = await RefreshAsync(refresh))
        {
            await OciAssert.SuccessAsync(before, HttpStatusCode.OK);
        }

        using HttpResponseMessage revoked = await registry.Admin.DeleteAsync($"/api/v1/tokens/{ci.Id}");
        using HttpResponseMessage response = await RefreshAsync(refresh);

        await OciAssert.SuccessAsync(revoked, HttpStatusCode.NoContent);
        await AssertInvalidGrantAsync(response);
    }

    [Fact]
    public async Task AccessTokenAsRefreshToken_Returns401InvalidGrant()
    {
        string access = (await AuthRegistry.GetTokenAsync(registry.Admin)).Token;

        using HttpResponseMessage response = await RefreshAsync(access);

        await AssertInvalidGrantAsync(response);
    }

    [Fact]
    public async Task ForgedRefreshTokens_Return401InvalidGrant()
    {
        string user = await registry.CreateUserAsync();
        var realKey = await Jwt.CurrentKeyAsync(registry.Service<IAccessStore>());
        string genuine = Jwt.Sign(realKey, user, [], type: "rt+jwt");
        string[] forged =
        [
            Jwt.Sign(Jwt.ImpostorKey(realKey.KeyId), user, [], type: "rt+jwt"),
            Jwt.Sign(realKey, user, [], type: "rt+jwt", audience: "other"),
            Jwt.Sign(realKey, user, [], type: "rt+jwt", issuer: "other"),
            Jwt.Sign(realKey, user, [], type: "rt+jwt", issuedAt: DateTimeOffset.UtcNow.AddDays(-40), lifetime: TimeSpan.FromDays(30)),
            Jwt.Sign(realKey, "anonymous", [], type: "rt+jwt"),
            "not-a-jwt",
            string.Empty,
        ];

        using (HttpResponseMessage control = await RefreshAsync(genuine))
        {
            await OciAssert.SuccessAsync(control, HttpStatusCode.OK);
        }

        foreach (string token in forged)
        {
            using HttpResponseMessage response = await RefreshAsync(token);
            await AssertInvalidGrantAsync(response);
        }
    }
}
