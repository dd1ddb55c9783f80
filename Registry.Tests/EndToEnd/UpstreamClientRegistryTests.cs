using System.Net;
using Registry.Tests.Api.Upstream;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>The upstream client against a second registry process of ours: Basic credentials, and its token flow for an account it does not know.</summary>
public sealed class UpstreamClientRegistryTests(ITestOutputHelper output) : RegistryProcessTest(output, "upstream-client-")
{
    [Fact]
    public async Task AccountOfTheUpstream_IsLetIn()
    {
        using var harness = new UpstreamClientHarness();

        using HttpResponseMessage response = await harness.Client.SendAsync(
            harness.Remote(Registry.BaseUri, "admin", Registry.AdminPassword), HttpMethod.Get, new Uri(Registry.BaseUri, "v2/_catalog"), null, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WrongPassword_FollowsTheChallengeToTheTokenServiceAndEndsUnauthorized()
    {
        using var harness = new UpstreamClientHarness();

        using HttpResponseMessage response = await harness.Client.SendAsync(
            harness.Remote(Registry.BaseUri, "admin", "not-the-password"), HttpMethod.Get, new Uri(Registry.BaseUri, "v2/library/a/tags/list"), null, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }
}
