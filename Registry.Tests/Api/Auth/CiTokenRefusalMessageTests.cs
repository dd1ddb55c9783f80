using System.Net;
using System.Text.Json;
using Registry.Api.Auth;
using Registry.Core.Access;

namespace Registry.Tests.Api.Auth;

/// <summary>
/// A client that sends the secret of a revoked or expired CI token is told so (by <c>/token</c>, GET and POST, and by
/// Basic authentication on <c>/v2</c>), since it proved it holds the secret; every other refusal stays "incorrect
/// username or password", so nothing is learnt about which accounts or tokens exist.
/// </summary>
public sealed class CiTokenRefusalMessageTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    [Fact]
    public async Task RevokedCiToken_TokenEndpointAndV2_SayTheTokenWasRevoked()
    {
        CreatedCiToken ci = await registry.CreateCiTokenAsync(["team"], ["pull"]);
        using (HttpResponseMessage revoked = await registry.Admin.DeleteAsync($"/api/v1/tokens/{ci.Id}"))
        {
            await OciAssert.SuccessAsync(revoked, HttpStatusCode.NoContent);
        }

        string expected = $"CI token '{ci.Name}' has been revoked";
        await AssertRefusedWithAsync(ci.Name, ci.Secret, expected);
    }

    [Fact]
    public async Task ExpiredCiToken_TokenEndpointAndV2_SayTheTokenHasExpired()
    {
        (string id, string secret) = CiTokenSecret.Generate();
        string name = AuthRegistry.UniqueName("ci");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await registry.Service<IAccessStore>().CreateCiTokenAsync(
            new CiTokenRecord(id, name, "admin", CiTokenSecret.Hash(secret), ["team"], AccessAction.Pull, now.AddDays(-2), now.AddMinutes(-1), null, null), CancellationToken.None);

        await AssertRefusedWithAsync(name, secret, $"CI token '{name}' has expired");
    }

    [Fact]
    public async Task RevokedCiToken_WithAWrongSecretOrAnotherName_GetsOnlyTheGenericAnswer()
    {
        CreatedCiToken ci = await registry.CreateCiTokenAsync(["team"], ["pull"]);
        using (HttpResponseMessage revoked = await registry.Admin.DeleteAsync($"/api/v1/tokens/{ci.Id}"))
        {
            await OciAssert.SuccessAsync(revoked, HttpStatusCode.NoContent);
        }

        string wrongSecret = ci.Secret[..^4] + (ci.Secret.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        await AssertRefusedWithAsync(ci.Name, wrongSecret, CredentialVerifier.IncorrectCredentials);
        await AssertRefusedWithAsync(AuthRegistry.UniqueName("other"), ci.Secret, CredentialVerifier.IncorrectCredentials);
        await AssertRefusedWithAsync(AuthRegistry.UniqueName("nobody"), "some-password", CredentialVerifier.IncorrectCredentials);
    }

    /// <summary>GET /token, POST /token (password grant) and GET /v2/ with the credentials all answer 401 with the message.</summary>
    private async Task AssertRefusedWithAsync(string name, string password, string expected)
    {
        using HttpClient basic = registry.Basic(name, password);
        using HttpResponseMessage get = await AuthRegistry.RequestTokenAsync(basic, "repository:team/app:pull");
        using HttpResponseMessage v2 = await basic.GetAsync("/v2/");
        using HttpClient anonymous = registry.Anonymous();
        using HttpResponseMessage post = await anonymous.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = name,
            ["password"] = password,
            ["service"] = "registry",
            ["client_id"] = "ci",
        }));

        await OciAssert.ErrorAsync(get, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains(expected, await ErrorMessageAsync(get), StringComparison.Ordinal);
        await OciAssert.ErrorAsync(v2, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains(expected, await ErrorMessageAsync(v2), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        using JsonDocument oauth = JsonDocument.Parse(await post.Content.ReadAsStringAsync());
        Assert.Equal("invalid_grant", oauth.RootElement.GetProperty("error").GetString());
        Assert.Contains(expected, oauth.RootElement.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string?> ErrorMessageAsync(HttpResponseMessage response)
    {
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("errors")[0].GetProperty("message").GetString();
    }
}
