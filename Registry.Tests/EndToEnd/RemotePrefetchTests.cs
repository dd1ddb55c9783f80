using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// <c>POST /api/v1/remotes/{key}/prefetch</c> between two registry processes of ours: an origin, and an edge with a
/// docker remote over it. A prefetch fills the edge's cache with the chosen platform only, so that the edge serves
/// the image when the origin is gone, and a second prefetch fetches nothing.
/// </summary>
public sealed class RemotePrefetchTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-prefetch-")
{
    [Fact]
    public async Task Prefetch_FillsTheEdgeForThePlatform_SecondOneFetchesNothing_AndTheEdgeServesWithTheOriginGone()
    {
        RegistryProcess origin = await RegistryProcess.StartAsync();
        try
        {
            using HttpClient originClient = origin.CreateClient();
            (byte[] amdLayer, byte[] armLayer, PushedManifest amd, PushedManifest index) = await EdgeImages.PushTwoPlatformImageAsync(originClient, "team/app", "1.0");
            using HttpClient edge = Registry.CreateClient();
            await EdgeImages.CreateRemoteAsync(edge, "origin", origin);

            using HttpResponseMessage first = await edge.PostAsJsonAsync("/api/v1/remotes/origin/prefetch",
                new { name = "team/app", reference = "1.0", platforms = new[] { "linux/amd64" } });
            JsonElement summary = await EdgeImages.JsonAsync(first, HttpStatusCode.OK);
            Assert.Equal(index.Digest, summary.GetProperty("digest").GetString());
            Assert.Equal("origin/team/app", summary.GetProperty("repository").GetString());
            Assert.Equal(2, summary.GetProperty("manifestsFetched").GetInt32());
            Assert.Equal(2, summary.GetProperty("blobsFetched").GetInt32());
            Assert.Equal(0, summary.GetProperty("blobsCached").GetInt32());
            Assert.Equal(Manifests.Config().Length + amdLayer.Length, summary.GetProperty("bytesFetched").GetInt64());
            Assert.Equal(0, summary.GetProperty("failures").GetArrayLength());

            using HttpResponseMessage second = await edge.PostAsJsonAsync("/api/v1/remotes/origin/prefetch",
                new { name = "team/app", reference = "1.0", platforms = new[] { "linux/amd64" } });
            JsonElement again = await EdgeImages.JsonAsync(second, HttpStatusCode.OK);
            Assert.Equal(0, again.GetProperty("manifestsFetched").GetInt32());
            Assert.Equal(2, again.GetProperty("manifestsCached").GetInt32());
            Assert.Equal(0, again.GetProperty("blobsFetched").GetInt32());
            Assert.Equal(2, again.GetProperty("blobsCached").GetInt32());
            Assert.Equal(0, again.GetProperty("bytesFetched").GetInt64());

            await origin.DisposeAsync();

            using HttpResponseMessage tag = await edge.GetAsync("/v2/origin/team/app/manifests/1.0");
            Assert.Equal(HttpStatusCode.OK, tag.StatusCode);
            Assert.Equal(index.Content, await tag.Content.ReadAsByteArrayAsync());
            using HttpResponseMessage child = await edge.GetAsync($"/v2/origin/team/app/manifests/{amd.Digest}");
            Assert.Equal(HttpStatusCode.OK, child.StatusCode);
            using HttpResponseMessage layer = await edge.GetAsync($"/v2/origin/team/app/blobs/{Digests.Sha256(amdLayer)}");
            Assert.Equal(HttpStatusCode.OK, layer.StatusCode);
            Assert.Equal(amdLayer, await layer.Content.ReadAsByteArrayAsync());
            using HttpResponseMessage other = await edge.GetAsync($"/v2/origin/team/app/blobs/{Digests.Sha256(armLayer)}");
            Assert.Equal(HttpStatusCode.BadGateway, other.StatusCode);
        }
        finally
        {
            await origin.DisposeAsync();
        }
    }

    [Fact]
    public async Task Prefetch_WithoutPlatforms_FetchesEveryPlatform()
    {
        RegistryProcess origin = await RegistryProcess.StartAsync();
        try
        {
            using HttpClient originClient = origin.CreateClient();
            await EdgeImages.PushTwoPlatformImageAsync(originClient, "team/all", "2.0");
            using HttpClient edge = Registry.CreateClient();
            await EdgeImages.CreateRemoteAsync(edge, "all", origin);

            using HttpResponseMessage response = await edge.PostAsJsonAsync("/api/v1/remotes/all/prefetch", new { name = "team/all", reference = "2.0" });
            JsonElement summary = await EdgeImages.JsonAsync(response, HttpStatusCode.OK);
            Assert.Equal(3, summary.GetProperty("manifestsFetched").GetInt32());
            Assert.Equal(3, summary.GetProperty("blobsFetched").GetInt32()); // one config shared by both platforms, two layers
        }
        finally
        {
            await origin.DisposeAsync();
        }
    }

    [Fact]
    public async Task Prefetch_RefusesUnknownKeysLocalRepositoriesBadInputAndMissingTags()
    {
        RegistryProcess origin = await RegistryProcess.StartAsync();
        try
        {
            using HttpClient edge = Registry.CreateClient();
            await EdgeImages.CreateRemoteAsync(edge, "up", origin);
            using (HttpResponseMessage local = await edge.PutAsJsonAsync("/artifactory/api/repositories/images", new { rclass = "local", packageType = "docker" }))
            {
                Assert.True(local.IsSuccessStatusCode, await local.Content.ReadAsStringAsync());
            }

            await AssertProblemAsync(edge, "nothing", new { name = "team/app", reference = "1.0" }, HttpStatusCode.NotFound, "does not exist");
            await AssertProblemAsync(edge, "images", new { name = "team/app", reference = "1.0" }, HttpStatusCode.BadRequest, "only docker remote repositories prefetch");
            await AssertProblemAsync(edge, "up", new { name = "Team//app", reference = "1.0" }, HttpStatusCode.BadRequest, "name must be");
            await AssertProblemAsync(edge, "up", new { name = "team/app", reference = "sha256:zz" }, HttpStatusCode.BadRequest, "reference must be");
            await AssertProblemAsync(edge, "up", new { name = "team/app", reference = "1.0", platforms = new[] { "linux" } }, HttpStatusCode.BadRequest, "'linux' is not a platform");
            await AssertProblemAsync(edge, "up", new { name = "team/app", reference = "9.9" }, HttpStatusCode.NotFound, "was not found");
        }
        finally
        {
            await origin.DisposeAsync();
        }
    }

    private static async Task AssertProblemAsync(HttpClient edge, string key, object body, HttpStatusCode status, string detail)
    {
        using HttpResponseMessage response = await edge.PostAsJsonAsync($"/api/v1/remotes/{key}/prefetch", body);
        JsonElement problem = await EdgeImages.JsonAsync(response, status);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
