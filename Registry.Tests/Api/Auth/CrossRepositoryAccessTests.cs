using System.Net;

namespace Registry.Tests.Api.Auth;

/// <summary>
/// Access to one repository never reaches into another: blob mounts need pull on the source, blobs and manifests
/// of other repositories are not served or referenced through an allowed one, and the read endpoints ask for pull.
/// </summary>
public sealed class CrossRepositoryAccessTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    /// <summary>A developer of <c>&lt;mine&gt;/app</c> and a blob that only <c>&lt;theirs&gt;/app</c> holds.</summary>
    private async Task<(string Mine, string Theirs, string Developer, string Blob)> SetUpAsync(string? roleOnTheirs = null)
    {
        string mine = AuthRegistry.UniqueName("ns");
        string theirs = AuthRegistry.UniqueName("ns");
        (string, string?, string)[] roles = roleOnTheirs is null
            ? [("namespace", mine, "developer")]
            : [("namespace", mine, "developer"), ("namespace", theirs, roleOnTheirs)];
        string developer = await registry.CreateUserAsync(roles);
        await registry.PushImageAsync(theirs + "/app", "v1");
        string blob = await registry.Admin.PushBlobAsync(theirs + "/app", Digests.RandomBytes(40));
        return (mine + "/app", theirs + "/app", developer, blob);
    }

    private async Task<HttpResponseMessage> MountAsync(HttpClient client, string into, string from, string digest)
        => await client.PostAsync($"/v2/{into}/blobs/uploads/?mount={digest}&from={from}", null);

    private async Task<HttpStatusCode> AdminBlobStatusAsync(string repository, string digest)
    {
        using HttpResponseMessage response = await registry.Admin.HeadAsync($"/v2/{repository}/blobs/{digest}");
        return response.StatusCode;
    }

    [Fact]
    public async Task Mount_FromARepositoryTheCallerMayNotPull_OpensAnUploadSessionInstead()
    {
        (string mine, string theirs, string developer, string blob) = await SetUpAsync();
        using HttpClient basic = registry.Basic(developer, AuthRegistry.Password);
        using HttpClient bearer = await registry.BearerForAsync(developer, AuthRegistry.Password, $"repository:{mine}:pull,push", $"repository:{theirs}:pull");

        using HttpResponseMessage withBasic = await MountAsync(basic, mine, theirs, blob);
        using HttpResponseMessage withBearer = await MountAsync(bearer, mine, theirs, blob);

        Assert.Equal(HttpStatusCode.Accepted, withBasic.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withBearer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await AdminBlobStatusAsync(mine, blob));
    }

    [Fact]
    public async Task Mount_FromARepositoryTheCallerMayPull_Mounts()
    {
        (string mine, string theirs, string developer, string blob) = await SetUpAsync(roleOnTheirs: "reader");
        using HttpClient bearer = await registry.BearerForAsync(developer, AuthRegistry.Password, $"repository:{mine}:pull,push", $"repository:{theirs}:pull");

        using HttpResponseMessage response = await MountAsync(bearer, mine, theirs, blob);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await AdminBlobStatusAsync(mine, blob));
    }

    [Fact]
    public async Task Mount_WithATokenLackingPullOnTheSource_IsChallengedForBothScopes_WhenTheCallerMayPullThere()
    {
        (string mine, string theirs, string developer, string blob) = await SetUpAsync(roleOnTheirs: "reader");
        using HttpClient bearer = await registry.BearerForAsync(developer, AuthRegistry.Password, $"repository:{mine}:pull,push");

        using HttpResponseMessage response = await MountAsync(bearer, mine, theirs, blob);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        string challenge = Assert.Single(response.Headers.WwwAuthenticate).ToString();
        Assert.Contains($"scope=\"repository:{mine}:pull,push repository:{theirs}:pull\"", challenge);
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains("UNAUTHORIZED", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, await AdminBlobStatusAsync(mine, blob));
    }

    [Fact]
    public async Task Mount_FollowingTheChallenge_WithATokenForBothScopes_Mounts()
    {
        (string mine, string theirs, string developer, string blob) = await SetUpAsync(roleOnTheirs: "reader");
        using HttpClient first = await registry.BearerForAsync(developer, AuthRegistry.Password, $"repository:{mine}:pull,push");
        using HttpResponseMessage challenged = await MountAsync(first, mine, theirs, blob);
        string challenge = Assert.Single(challenged.Headers.WwwAuthenticate).ToString();
        string[] scopes = System.Text.RegularExpressions.Regex.Match(challenge, "scope=\"([^\"]*)\"").Groups[1].Value.Split(' ');

        using HttpClient second = await registry.BearerForAsync(developer, AuthRegistry.Password, scopes);
        using HttpResponseMessage response = await MountAsync(second, mine, theirs, blob);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await AdminBlobStatusAsync(mine, blob));
    }

    [Fact]
    public async Task Mount_WithATokenLackingPullOnTheSource_OpensAnUploadSession_WhenTheCallerMayNotPullThere()
    {
        (string mine, string theirs, string developer, string blob) = await SetUpAsync();
        using HttpClient bearer = await registry.BearerForAsync(developer, AuthRegistry.Password, $"repository:{mine}:pull,push");

        using HttpResponseMessage response = await MountAsync(bearer, mine, theirs, blob);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await AdminBlobStatusAsync(mine, blob));
    }

    [Fact]
    public async Task BlobOfAnotherRepository_IsNotServedThroughOneTheCallerMayPull()
    {
        (string mine, _, string developer, string blob) = await SetUpAsync();
        using HttpClient bearer = await registry.BearerForAsync(developer, AuthRegistry.Password, $"repository:{mine}:pull");

        using HttpResponseMessage response = await bearer.GetAsync($"/v2/{mine}/blobs/{blob}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task ManifestReferencingBlobsOfAnotherRepository_IsRejected()
    {
        (string mine, string theirs, string developer, _) = await SetUpAsync();
        using HttpResponseMessage theirsManifest = await registry.Admin.GetAsync($"/v2/{theirs}/manifests/v1");
        byte[] manifest = await theirsManifest.Content.ReadAsByteArrayAsync();
        using HttpClient bearer = await registry.BearerForAsync(developer, AuthRegistry.Password, $"repository:{mine}:pull,push");

        using HttpResponseMessage response = await bearer.PutManifestAsync(mine, "stolen", manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
        Assert.Equal(HttpStatusCode.NotFound, await registry.ManifestStatusAsync(mine, "stolen"));
    }

    [Theory]
    [InlineData("/v2/{repo}/tags/list")]
    [InlineData("/v2/{repo}/manifests/v1")]
    [InlineData("/v2/{repo}/referrers/sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")]
    [InlineData("/api/v1/repositories/{repo}/tags")]
    public async Task ReadEndpoints_OfARepositoryTheCallerMayNotPull_Return403Denied(string template)
    {
        (_, string theirs, string developer, _) = await SetUpAsync();

        using HttpResponseMessage response = await registry.Basic(developer, AuthRegistry.Password).GetAsync(template.Replace("{repo}", theirs, StringComparison.Ordinal));

        await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
    }
}
