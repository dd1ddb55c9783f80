using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.Tokens;
using Registry.Core.Access;

namespace Registry.Tests.Api.Auth;

/// <summary>
/// Bearer tokens the registry must refuse: expired, forged, unsigned, tampered with, for another audience or issuer,
/// refresh tokens, tokens of revoked CI tokens and disabled users; and scope requests that must not widen a grant.
/// </summary>
public sealed class TokenSecurityTests(IdentityTokenRegistry registry) : IClassFixture<IdentityTokenRegistry>
{
    /// <summary>A namespace with an image tagged v1 in <c>&lt;ns&gt;/app</c> and a reader of it.</summary>
    private async Task<(string Repository, string Reader)> SetUpAsync()
    {
        string ns = AuthRegistry.UniqueName("ns");
        string repository = ns + "/app";
        await registry.PushImageAsync(repository, "v1");
        return (repository, await registry.CreateUserAsync(("namespace", ns, "reader")));
    }

    private Task<ECDsaSecurityKey> RealKeyAsync() => Jwt.CurrentKeyAsync(registry.Service<IAccessStore>());

    private async Task<HttpResponseMessage> PullWithAsync(string token, string repository)
    {
        using HttpClient client = registry.Bearer(token);
        return await client.GetAsync($"/v2/{repository}/manifests/v1");
    }

    private static async Task AssertInvalidTokenAsync(HttpResponseMessage response)
    {
        await OciAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        string challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer realm=", challenge);
        Assert.Contains("error=\"invalid_token\"", challenge);
    }

    [Fact]
    public async Task ForgedToken_SignedWithTheRegistrysKey_IsAccepted()
    {
        // The control for the forgeries below: with the real key and valid claims the same token works.
        (string repository, string reader) = await SetUpAsync();
        string token = Jwt.Sign(await RealKeyAsync(), reader, [(repository, ["pull"])]);

        using HttpResponseMessage response = await PullWithAsync(token, repository);

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task ExpiredToken_Returns401InvalidToken()
    {
        (string repository, string reader) = await SetUpAsync();
        string token = Jwt.Sign(await RealKeyAsync(), reader, [(repository, ["pull"])], issuedAt: DateTimeOffset.UtcNow.AddMinutes(-20));

        using HttpResponseMessage response = await PullWithAsync(token, repository);

        await AssertInvalidTokenAsync(response);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TokenSignedByAnotherKeyWithTheSameKid_Returns401InvalidToken()
    {
        (string repository, string reader) = await SetUpAsync();
        string token = Jwt.Sign(Jwt.ImpostorKey((await RealKeyAsync()).KeyId), reader, [(repository, ["pull"])]);

        using HttpResponseMessage response = await PullWithAsync(token, repository);

        await AssertInvalidTokenAsync(response);
    }

    [Fact]
    public async Task TokenSignedByAnUnknownKid_Returns401InvalidToken()
    {
        (string repository, string reader) = await SetUpAsync();
        string token = Jwt.Sign(Jwt.ImpostorKey("unknown-kid"), reader, [(repository, ["pull"])]);

        using HttpResponseMessage response = await PullWithAsync(token, repository);

        await AssertInvalidTokenAsync(response);
    }

    [Fact]
    public async Task UnsignedTokenWithAlgNone_Returns401InvalidToken()
    {
        (string repository, string reader) = await SetUpAsync();
        string token = Jwt.Unsigned(reader, [(repository, ["pull"])], (await RealKeyAsync()).KeyId);

        using HttpResponseMessage response = await PullWithAsync(token, repository);

        await AssertInvalidTokenAsync(response);
    }

    [Fact]
    public async Task TokenWithTamperedAccessClaim_Returns401InvalidToken_AndPushesNothing()
    {
        (string repository, string reader) = await SetUpAsync();
        string genuine = (await AuthRegistry.GetTokenAsync(registry.Basic(reader, AuthRegistry.Password), $"repository:{repository}:pull")).Token;
        string tampered = Jwt.WithPayload(genuine, payload => payload.Replace("[\"pull\"]", "[\"pull\",\"push\",\"delete\"]", StringComparison.Ordinal));
        Assert.NotEqual(genuine, tampered);
        using HttpClient client = registry.Bearer(tampered);

        using HttpResponseMessage upload = await client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        using HttpResponseMessage pull = await client.GetAsync($"/v2/{repository}/manifests/v1");

        await AssertInvalidTokenAsync(upload);
        await AssertInvalidTokenAsync(pull);
    }

    [Fact]
    public async Task TokenWithTamperedRepositoryName_Returns401InvalidToken()
    {
        (string repository, string reader) = await SetUpAsync();
        (string other, _) = await SetUpAsync();
        string genuine = (await AuthRegistry.GetTokenAsync(registry.Basic(reader, AuthRegistry.Password), $"repository:{repository}:pull")).Token;
        string tampered = Jwt.WithPayload(genuine, payload => payload.Replace(repository, other, StringComparison.Ordinal));

        using HttpResponseMessage response = await PullWithAsync(tampered, other);

        await AssertInvalidTokenAsync(response);
    }

    [Fact]
    public async Task TokenForRepositoryA_OnRepositoryBTheCallerMayPull_Returns401InsufficientScopeNamingB()
    {
        (string repository, string reader) = await SetUpAsync();
        string sibling = repository + "-b";
        await registry.PushImageAsync(sibling, "v1");
        string token = (await AuthRegistry.GetTokenAsync(registry.Basic(reader, AuthRegistry.Password), $"repository:{repository}:pull")).Token;

        using HttpResponseMessage response = await PullWithAsync(token, sibling);

        await OciAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        string challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains($"scope=\"repository:{sibling}:pull\"", challenge);
    }

    [Fact]
    public async Task TokenForRepositoryA_OnRepositoryBTheCallerMayNotPull_Returns403Denied()
    {
        (string repository, string reader) = await SetUpAsync();
        (string foreign, _) = await SetUpAsync();
        string token = (await AuthRegistry.GetTokenAsync(registry.Basic(reader, AuthRegistry.Password), $"repository:{repository}:pull")).Token;

        using HttpResponseMessage response = await PullWithAsync(token, foreign);

        await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        Assert.Contains(reader, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("repository:{ns}/../other:push")]
    [InlineData("repository:{ns}/app:push:extra")]
    [InlineData("repository:*:push")]
    [InlineData("repository:{ns}/*:pull")]
    [InlineData("repository:{NS}/app:pull")]
    [InlineData("repository::pull")]
    [InlineData("repository: :pull")]
    [InlineData("repository:/{ns}/app:pull")]
    [InlineData("repository:{ns}//app:pull")]
    [InlineData("repository:{ns}/app/:pull")]
    [InlineData("Repository:{ns}/app:pull")]
    [InlineData("repository:{ns}/app:PULL")]
    [InlineData("registry:catalog:pull")]
    public async Task TrickScope_GrantsNothing_EvenToAGlobalAdmin(string template)
    {
        string ns = AuthRegistry.UniqueName("ns");
        await registry.PushImageAsync(ns + "/app", "v1");
        string scope = template.Replace("{ns}", ns, StringComparison.Ordinal).Replace("{NS}", ns.ToUpperInvariant(), StringComparison.Ordinal);

        TokenReply reply = await AuthRegistry.GetTokenAsync(registry.Admin, scope);

        Assert.Empty(Jwt.Access(reply.Token));
        Assert.Equal(string.Empty, reply.Scope);
        using HttpResponseMessage pull = await PullWithAsync(reply.Token, ns + "/app");
        Assert.Equal(HttpStatusCode.Unauthorized, pull.StatusCode);
    }

    [Theory]
    [InlineData("other-service", "registry-token-issuer")]
    [InlineData("registry", "someone-else")]
    public async Task TokenSignedWithTheRealKeyForAnotherAudienceOrIssuer_Returns401InvalidToken(string audience, string issuer)
    {
        (string repository, string reader) = await SetUpAsync();
        string token = Jwt.Sign(await RealKeyAsync(), reader, [(repository, ["pull"])], issuer: issuer, audience: audience);

        using HttpResponseMessage response = await PullWithAsync(token, repository);

        await AssertInvalidTokenAsync(response);
    }

    [Fact]
    public async Task RefreshTokenUsedAsBearer_Returns401InvalidToken()
    {
        (string repository, string reader) = await SetUpAsync();
        using HttpResponseMessage issued = await registry.Basic(reader, AuthRegistry.Password)
            .GetAsync($"/token?service=registry&offline_token=true&scope=repository:{repository}:pull");
        string refresh = (await AuthRegistry.ReadTokenAsync(issued)).RefreshToken!;

        using HttpResponseMessage response = await PullWithAsync(refresh, repository);

        await AssertInvalidTokenAsync(response);
    }

    [Fact]
    public async Task RevokedCiToken_ItsJwtAndItsSecretAreRefusedAtOnce()
    {
        (string repository, _) = await SetUpAsync();
        CreatedCiToken ci = await registry.CreateCiTokenAsync([repository.Split('/')[0]], ["pull"]);
        using HttpClient basic = registry.Basic(ci.Name, ci.Secret);
        string jwt = (await AuthRegistry.GetTokenAsync(basic, $"repository:{repository}:pull")).Token;
        using (HttpResponseMessage before = await PullWithAsync(jwt, repository))
        using (HttpResponseMessage beforeBasic = await basic.GetAsync($"/v2/{repository}/manifests/v1"))
        {
            await OciAssert.SuccessAsync(before, HttpStatusCode.OK);
            await OciAssert.SuccessAsync(beforeBasic, HttpStatusCode.OK);
        }

        using HttpResponseMessage revoked = await registry.Admin.DeleteAsync($"/api/v1/tokens/{ci.Id}");
        using HttpResponseMessage withJwt = await PullWithAsync(jwt, repository);
        using HttpResponseMessage withSecret = await basic.GetAsync($"/v2/{repository}/manifests/v1");
        using HttpResponseMessage newToken = await AuthRegistry.RequestTokenAsync(basic, $"repository:{repository}:pull");

        await OciAssert.SuccessAsync(revoked, HttpStatusCode.NoContent);
        await AssertInvalidTokenAsync(withJwt);
        await AssertInvalidTokenAsync(withSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, newToken.StatusCode);
    }

    [Fact]
    public async Task DisabledUser_TheirTokenAndPasswordAreRefused()
    {
        (string repository, string reader) = await SetUpAsync();
        string jwt = (await AuthRegistry.GetTokenAsync(registry.Basic(reader, AuthRegistry.Password), $"repository:{repository}:pull")).Token;
        using (HttpResponseMessage before = await PullWithAsync(jwt, repository))
        {
            await OciAssert.SuccessAsync(before, HttpStatusCode.OK);
        }

        using HttpResponseMessage disabled = await registry.Admin.PatchAsJsonAsync($"/api/v1/users/{reader}", new { disabled = true });
        using HttpResponseMessage withJwt = await PullWithAsync(jwt, repository);
        using HttpResponseMessage withPassword = await registry.Basic(reader, AuthRegistry.Password).GetAsync($"/v2/{repository}/manifests/v1");

        await OciAssert.SuccessAsync(disabled, HttpStatusCode.OK);
        await AssertInvalidTokenAsync(withJwt);
        await AssertInvalidTokenAsync(withPassword);
    }

    [Fact]
    public async Task AskingForMoreThanAllowed_ReturnsATokenWithOnlyWhatIsAllowed()
    {
        (string repository, string reader) = await SetUpAsync();
        (string foreign, _) = await SetUpAsync();

        TokenReply reply = await AuthRegistry.GetTokenAsync(registry.Basic(reader, AuthRegistry.Password),
            $"repository:{repository}:pull,push,delete,*", $"repository:{foreign}:pull registry:catalog:*");

        Assert.Equal([$"repository:{repository}:pull", "registry:catalog:*"], Jwt.Access(reply.Token));
        Assert.Equal($"repository:{repository}:pull registry:catalog:*", reply.Scope);
    }
}
