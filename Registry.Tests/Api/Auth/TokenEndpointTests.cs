using System.Globalization;
using System.Net;
using System.Text.Json;
using Registry.Core.Access;

namespace Registry.Tests.Api.Auth;

/// <summary><c>/token</c>: GET with or without Basic credentials, the POST password grant, and the response (refresh tokens: <see cref="RefreshTokenTests"/>).</summary>
public sealed class TokenEndpointTests(IdentityTokenRegistry registry) : IClassFixture<IdentityTokenRegistry>
{
    private async Task<string> RepositoryAsync()
    {
        string repository = AuthRegistry.UniqueName("ns") + "/app";
        await registry.PushImageAsync(repository, "v1");
        return repository;
    }

    private HttpClient BasicFor(string user) => registry.Basic(user, AuthRegistry.Password);

    private async Task<HttpResponseMessage> PostAsync(params (string Key, string Value)[] form)
    {
        using HttpClient client = registry.Anonymous();
        return await client.PostAsync("/token", new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value))));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private async Task<HttpStatusCode> PullAsync(string token, string repository)
    {
        using HttpClient client = registry.Bearer(token);
        using HttpResponseMessage response = await client.GetAsync($"/v2/{repository}/manifests/v1");
        return response.StatusCode;
    }

    [Fact]
    public async Task Get_Anonymous_ForAPrivateRepository_Returns200WithNoAccess()
    {
        string repository = await RepositoryAsync();

        TokenReply reply = await AuthRegistry.GetTokenAsync(registry.Anonymous(), $"repository:{repository}:pull");

        Assert.Empty(Jwt.Access(reply.Token));
        Assert.Equal("anonymous", Jwt.Payload(reply.Token).GetProperty("sub").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, await PullAsync(reply.Token, repository));
    }

    [Fact]
    public async Task Get_Anonymous_ForAPublicRepository_GrantsPullOnly()
    {
        string repository = await RepositoryAsync();
        await registry.SetPublicAsync("repository", repository);

        TokenReply reply = await AuthRegistry.GetTokenAsync(registry.Anonymous(), $"repository:{repository}:pull,push", "registry:catalog:*");

        Assert.Equal([$"repository:{repository}:pull"], Jwt.Access(reply.Token));
        Assert.Null(reply.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await PullAsync(reply.Token, repository));
    }

    [Fact]
    public async Task Get_WithBasicPassword_GrantsWhatTheUsersRolesAllow()
    {
        string repository = await RepositoryAsync();
        string developer = await registry.CreateUserAsync(("repository", repository, "developer"));

        TokenReply reply = await AuthRegistry.GetTokenAsync(BasicFor(developer), $"repository:{repository}:pull,push,delete");

        Assert.Equal([$"repository:{repository}:pull,push"], Jwt.Access(reply.Token));
        Assert.Equal(developer, Jwt.Payload(reply.Token).GetProperty("sub").GetString());
        Assert.False(Jwt.Payload(reply.Token).TryGetProperty("ctid", out _));
    }

    [Fact]
    public async Task Get_WithManyScopeParametersAndSpaceSeparatedScopes_GrantsTheirUnion()
    {
        string first = await RepositoryAsync();
        string second = await RepositoryAsync();

        TokenReply reply = await AuthRegistry.GetTokenAsync(registry.Admin, $"repository:{first}:pull", $"repository:{first}:push repository:{second}:delete");

        Assert.Equal([$"repository:{first}:pull,push", $"repository:{second}:delete"], Jwt.Access(reply.Token));
    }

    [Fact]
    public async Task Get_WithACiTokenSecret_IssuesATokenNamingTheCiToken()
    {
        string repository = await RepositoryAsync();
        CreatedCiToken ci = await registry.CreateCiTokenAsync([repository.Split('/')[0]], ["pull"]);

        TokenReply reply = await AuthRegistry.GetTokenAsync(registry.Basic(ci.Name, ci.Secret), $"repository:{repository}:pull,push");

        JsonElement payload = Jwt.Payload(reply.Token);
        Assert.Equal("token:" + ci.Name, payload.GetProperty("sub").GetString());
        Assert.Equal(ci.Id, payload.GetProperty("ctid").GetString());
        Assert.Equal([$"repository:{repository}:pull"], Jwt.Access(reply.Token));
    }

    [Theory]
    [InlineData("wrong-password")]
    [InlineData("")]
    public async Task Get_WithAWrongPassword_Returns401WithABasicChallenge(string password)
    {
        string user = await registry.CreateUserAsync();

        using HttpResponseMessage response = await AuthRegistry.RequestTokenAsync(registry.Basic(user, password), "repository:x/y:pull");

        await OciAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Get_WithAnUnknownUser_Returns401()
    {
        using HttpResponseMessage response = await AuthRegistry.RequestTokenAsync(registry.Basic(AuthRegistry.UniqueName("ghost"), AuthRegistry.Password));

        await OciAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Get_ForAnotherService_Returns400()
    {
        using HttpResponseMessage response = await registry.Admin.GetAsync("/token?service=other-registry&scope=repository:a/b:pull");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("other-registry", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_WithABearerToken_Returns401()
    {
        string token = (await AuthRegistry.GetTokenAsync(registry.Admin)).Token;

        using HttpResponseMessage response = await AuthRegistry.RequestTokenAsync(registry.Bearer(token), "repository:a/b:pull");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithOfflineToken_ReturnsARefreshToken_ButNotToAnonymousClients()
    {
        string user = await registry.CreateUserAsync();

        using HttpResponseMessage signedIn = await BasicFor(user).GetAsync("/token?service=registry&offline_token=true");
        using HttpResponseMessage anonymous = await registry.Anonymous().GetAsync("/token?service=registry&offline_token=true");

        string? refresh = (await AuthRegistry.ReadTokenAsync(signedIn)).RefreshToken;
        Assert.NotNull(refresh);
        Assert.Equal("rt+jwt", Jwt.Header(refresh).GetProperty("typ").GetString());
        Assert.Equal(user, Jwt.Payload(refresh).GetProperty("sub").GetString());
        Assert.Null((await AuthRegistry.ReadTokenAsync(anonymous)).RefreshToken);
    }

    [Fact]
    public async Task Post_PasswordGrantWithOfflineAccess_ReturnsARefreshToken()
    {
        string repository = await RepositoryAsync();
        string user = await registry.CreateUserAsync(("repository", repository, "reader"));

        using HttpResponseMessage offline = await PostAsync(("grant_type", "password"), ("username", user), ("password", AuthRegistry.Password),
            ("access_type", "offline"), ("service", "registry"), ("scope", $"repository:{repository}:pull"));
        using HttpResponseMessage online = await PostAsync(("grant_type", "password"), ("username", user), ("password", AuthRegistry.Password));

        await OciAssert.SuccessAsync(offline, HttpStatusCode.OK);
        TokenReply reply = await AuthRegistry.ReadTokenAsync(offline);
        Assert.NotNull(reply.RefreshToken);
        Assert.Equal([$"repository:{repository}:pull"], Jwt.Access(reply.Token));
        Assert.Null((await AuthRegistry.ReadTokenAsync(online)).RefreshToken);
    }

    [Fact]
    public async Task Post_WrongPassword_Returns401InvalidGrant()
    {
        string user = await registry.CreateUserAsync();

        using HttpResponseMessage response = await PostAsync(("grant_type", "password"), ("username", user), ("password", "not-the-password"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_grant", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("client_credentials")]
    [InlineData("authorization_code")]
    [InlineData("")]
    public async Task Post_UnsupportedGrantType_Returns400(string grantType)
    {
        using HttpResponseMessage response = await PostAsync(("grant_type", grantType), ("username", "admin"), ("password", RegistryApiFactory.AdminPassword));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Post_ForAnotherServiceOrNotAsAForm_Returns400InvalidRequest()
    {
        using HttpResponseMessage otherService = await PostAsync(("grant_type", "password"), ("username", "admin"),
            ("password", RegistryApiFactory.AdminPassword), ("service", "other"));
        using HttpResponseMessage json = await registry.Anonymous().PostAsync("/token",
            new StringContent("{\"grant_type\":\"password\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, otherService.StatusCode);
        Assert.Equal("invalid_request", (await JsonAsync(otherService)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("invalid_request", (await JsonAsync(json)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Response_HasTheDockerFields_AndAnES256JwtWithKid()
    {
        string repository = await RepositoryAsync();
        DateTimeOffset before = DateTimeOffset.UtcNow;

        using HttpResponseMessage response = await AuthRegistry.RequestTokenAsync(registry.Admin, $"repository:{repository}:pull");

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.ContentType());
        Assert.True(response.Headers.CacheControl?.NoStore, "token responses must not be cached");
        TokenReply reply = await AuthRegistry.ReadTokenAsync(response);
        Assert.Equal(reply.Token, reply.AccessToken);
        Assert.Equal(300, reply.ExpiresIn);
        Assert.Equal($"repository:{repository}:pull", reply.Scope);
        DateTimeOffset issuedAt = DateTimeOffset.ParseExact(reply.IssuedAt, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(issuedAt, before.AddSeconds(-2), DateTimeOffset.UtcNow.AddSeconds(2));

        JsonElement header = Jwt.Header(reply.Token);
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        IReadOnlyList<SigningKeyRecord> keys = await registry.Service<IAccessStore>().ListSigningKeysAsync(CancellationToken.None);
        Assert.Equal(keys.Last(k => k.RetiredAt is null).KeyId, header.GetProperty("kid").GetString());

        JsonElement payload = Jwt.Payload(reply.Token);
        Assert.Equal("registry-token-issuer", payload.GetProperty("iss").GetString());
        Assert.Equal("registry", payload.GetProperty("aud").GetString());
        Assert.Equal("admin", payload.GetProperty("sub").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("jti").GetString()));
        Assert.Equal(300, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal(issuedAt.ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task EveryIssuedToken_HasItsOwnJti()
    {
        TokenReply first = await AuthRegistry.GetTokenAsync(registry.Admin);
        TokenReply second = await AuthRegistry.GetTokenAsync(registry.Admin);

        Assert.NotEqual(Jwt.Payload(first.Token).GetProperty("jti").GetString(), Jwt.Payload(second.Token).GetProperty("jti").GetString());
    }
}
