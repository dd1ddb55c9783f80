using System.Net;

namespace Registry.Tests.Api.Auth;

/// <summary>
/// With <c>Registry:Auth:IdentityTokens</c> off (the default), <c>/token</c> gives no refresh token even when asked for
/// offline access, so <c>docker login</c> stores the password and podman can sign in beside it.
/// </summary>
public sealed class IdentityTokenSettingTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    [Fact]
    public async Task Get_WithOfflineToken_ByDefault_ReturnsAnAccessTokenWithoutRefreshToken()
    {
        string user = await registry.CreateUserAsync();

        // What docker login sends.
        using HttpResponseMessage response = await registry.Basic(user, AuthRegistry.Password)
            .GetAsync("/token?account=" + user + "&client_id=docker&offline_token=true&service=registry");

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        TokenReply reply = await AuthRegistry.ReadTokenAsync(response);
        Assert.Equal(user, Jwt.Payload(reply.Token).GetProperty("sub").GetString());
        Assert.Null(reply.RefreshToken);
    }

    [Fact]
    public async Task Post_PasswordGrantWithOfflineAccess_ByDefault_ReturnsNoRefreshToken()
    {
        string user = await registry.CreateUserAsync();
        using HttpClient client = registry.Anonymous();

        using HttpResponseMessage response = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user,
            ["password"] = AuthRegistry.Password,
            ["access_type"] = "offline",
            ["client_id"] = "docker",
            ["service"] = "registry",
        }));

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        Assert.Null((await AuthRegistry.ReadTokenAsync(response)).RefreshToken);
    }
}
