using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A registry token (JWT) minted on node A for a CI token stops working on node B once the CI token is revoked on A,
/// within the documented bound: <c>Registry:Auth:AccessRefreshInterval</c> (2 s by default), after which B's access
/// cache has been dropped and the token's CI token is read again from the shared store.
/// </summary>
public sealed class CiTokenRevocationMultiNodeTests(TwoNodeCluster cluster, ITestOutputHelper output) : IClassFixture<TwoNodeCluster>
{
    /// <summary>The default <c>Registry:Auth:AccessRefreshInterval</c>.</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    /// <summary>Room for one store read on a busy test machine on top of the interval.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task JwtFromNodeA_IsRefusedByNodeB_WithinTheRefreshInterval_AfterItsCiTokenIsRevokedOnNodeA()
    {
        RegistryProcess a = cluster.Nodes[0];
        RegistryProcess b = cluster.Nodes[1];
        using HttpClient adminA = a.CreateClient();
        var management = new ManagementClient(adminA);
        byte[] blob = Digests.RandomBytes(700);
        string digest = Digests.Sha256(blob);
        using (var body = new ByteArrayContent(blob))
        {
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using HttpResponseMessage pushed = await adminA.PostAsync($"/v2/revoke/app/blobs/uploads/?digest={digest}", body);
            Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        }

        var (id, secret) = await management.CreateCiTokenAsync("ci-fleet", ["revoke"], ["pull"], expiresInDays: 30, CancellationToken.None);
        using HttpClient ciOnA = a.CreateClient("ci-fleet", secret);
        using HttpResponseMessage issued = await ciOnA.GetAsync("/token?service=registry&scope=repository:revoke/app:pull");
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        using JsonDocument reply = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
        using HttpClient jwtOnB = b.CreateAnonymousClient();
        jwtOnB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", reply.RootElement.GetProperty("token").GetString());

        // Node B accepts the token (and now has its CI token cached as active).
        using (HttpResponseMessage before = await jwtOnB.GetAsync($"/v2/revoke/app/blobs/{digest}"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Equal(blob, await before.Content.ReadAsByteArrayAsync());
        }

        await management.RevokeCiTokenAsync(id, CancellationToken.None);
        long revoked = Stopwatch.GetTimestamp();

        HttpResponseMessage? refused = null;
        while (refused is null)
        {
            HttpResponseMessage response = await jwtOnB.GetAsync($"/v2/revoke/app/blobs/{digest}");
            TimeSpan elapsed = Stopwatch.GetElapsedTime(revoked);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                output.WriteLine($"node B refused the token {elapsed.TotalMilliseconds:F0} ms after the revocation on node A");
                refused = response;
                break;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
            Assert.True(
                elapsed < RefreshInterval + Margin,
                $"Node B still accepts the JWT of a CI token revoked on node A {elapsed.TotalSeconds:F1} s ago (bound: {RefreshInterval.TotalSeconds:F0} s refresh interval + {Margin.TotalSeconds:F0} s margin).");
            await Task.Delay(100);
        }

        using (refused)
        {
            string message = await refused.Content.ReadAsStringAsync();
            Assert.Contains("revoked", message, StringComparison.Ordinal);
            Assert.Contains("Bearer realm=", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        // Node B also refuses the secret itself, saying why.
        using HttpClient ciOnB = b.CreateClient("ci-fleet", secret);
        using HttpResponseMessage newToken = await ciOnB.GetAsync("/token?service=registry&scope=repository:revoke/app:pull");
        Assert.Equal(HttpStatusCode.Unauthorized, newToken.StatusCode);
        Assert.Contains("CI token 'ci-fleet' has been revoked", await newToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
