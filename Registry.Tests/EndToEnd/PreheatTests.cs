using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// <c>POST /api/v1/preheat</c> on an origin (this class's registry) with edges stored in <c>/api/v1/preheat/edges</c>:
/// a live edge (a second registry of ours with a docker remote over the origin) caches the image, a dead one is
/// reported as failed without holding the other up, edge passwords are never shown, and the preheat is audited.
/// </summary>
public sealed class PreheatTests(ITestOutputHelper output) : RegistryProcessTest(output, "e2e-preheat-")
{
    [Fact]
    public async Task Preheat_AsksEveryEdge_ReportsEachOne_AndTheLiveEdgeServesTheImageWithTheOriginGone()
    {
        RegistryProcess edge = await RegistryProcess.StartAsync();
        try
        {
            using HttpClient origin = Registry.CreateClient();
            (byte[] amdLayer, _, _, var index) = await EdgeImages.PushTwoPlatformImageAsync(origin, "team/app", "1.0");
            using HttpClient edgeClient = edge.CreateClient();
            await EdgeImages.CreateRemoteAsync(edgeClient, "origin", Registry);

            using (HttpResponseMessage created = await origin.PostAsJsonAsync("/api/v1/preheat/edges",
                new { name = "edge-1", url = edge.BaseUri.ToString(), remoteKey = "origin", username = "admin", password = edge.AdminPassword }))
            {
                JsonElement model = await EdgeImages.JsonAsync(created, HttpStatusCode.Created);
                Assert.True(model.GetProperty("hasPassword").GetBoolean());
                Assert.False(model.TryGetProperty("password", out _));
            }

            using (HttpResponseMessage dead = await origin.PostAsJsonAsync("/api/v1/preheat/edges",
                new { name = "edge-dead", url = "http://127.0.0.1:9/", remoteKey = "origin" }))
            {
                await EdgeImages.JsonAsync(dead, HttpStatusCode.Created);
            }

            string list = await origin.GetStringAsync("/api/v1/preheat/edges");
            Assert.DoesNotContain(edge.AdminPassword, list, StringComparison.Ordinal);

            using HttpResponseMessage response = await origin.PostAsJsonAsync("/api/v1/preheat",
                new { repository = "team/app", tag = "1.0", platforms = new[] { "linux/amd64" } });
            JsonElement run = await EdgeImages.JsonAsync(response, HttpStatusCode.OK);
            Assert.False(run.GetProperty("succeeded").GetBoolean());
            JsonElement[] edges = [.. run.GetProperty("edges").EnumerateArray()];
            JsonElement live = Assert.Single(edges, e => e.GetProperty("edge").GetString() == "edge-1");
            Assert.True(live.GetProperty("succeeded").GetBoolean(), live.ToString());
            Assert.Equal(index.Digest, live.GetProperty("digest").GetString());
            Assert.Equal(2, live.GetProperty("blobsFetched").GetInt32());
            JsonElement dead2 = Assert.Single(edges, e => e.GetProperty("edge").GetString() == "edge-dead");
            Assert.False(dead2.GetProperty("succeeded").GetBoolean());
            Assert.False(string.IsNullOrEmpty(dead2.GetProperty("error").GetString()));

            using HttpResponseMessage again = await origin.PostAsJsonAsync("/api/v1/preheat",
                new { repository = "team/app", tag = "1.0", edges = new[] { "edge-1" }, platforms = new[] { "linux/amd64" } });
            JsonElement second = await EdgeImages.JsonAsync(again, HttpStatusCode.OK);
            Assert.True(second.GetProperty("succeeded").GetBoolean());
            Assert.Equal(0, second.GetProperty("edges")[0].GetProperty("blobsFetched").GetInt32());
            Assert.Equal(2, second.GetProperty("edges")[0].GetProperty("blobsCached").GetInt32());

            string audit = await origin.GetStringAsync("/api/v1/audit?action=preheat.run");
            Assert.Contains("team/app:1.0", audit, StringComparison.Ordinal);
            Assert.Contains("edge-1: 2 blobs fetched", audit, StringComparison.Ordinal);

            await Registry.DisposeAsync();
            using HttpResponseMessage layer = await edgeClient.GetAsync($"/v2/origin/team/app/blobs/{Digests.Sha256(amdLayer)}");
            Assert.Equal(HttpStatusCode.OK, layer.StatusCode);
            Assert.Equal(amdLayer, await layer.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            await edge.DisposeAsync();
        }
    }

    [Fact]
    public async Task PreheatRule_PreheatsAPushedTagThatMatches_AndNotOneThatDoesNot()
    {
        RegistryProcess edge = await RegistryProcess.StartAsync();
        try
        {
            using HttpClient origin = Registry.CreateClient();
            using HttpClient edgeClient = edge.CreateClient();
            await EdgeImages.CreateRemoteAsync(edgeClient, "origin", Registry);
            using (HttpResponseMessage created = await origin.PostAsJsonAsync("/api/v1/preheat/edges",
                new { name = "edge-1", url = edge.BaseUri.ToString(), remoteKey = "origin", username = "admin", password = edge.AdminPassword }))
            {
                await EdgeImages.JsonAsync(created, HttpStatusCode.Created);
            }

            using (HttpResponseMessage rule = await origin.PostAsJsonAsync("/api/v1/preheat/rules", new { name = "releases", repository = "team/*", tag = "v[0-9]+" }))
            {
                await EdgeImages.JsonAsync(rule, HttpStatusCode.Created);
            }

            (byte[] skipped, _, _, _) = await EdgeImages.PushTwoPlatformImageAsync(origin, "team/app", "latest");
            (byte[] amdLayer, byte[] armLayer, _, _) = await EdgeImages.PushTwoPlatformImageAsync(origin, "team/app", "v2");

            string audit = await WaitForAuditAsync(origin, "preheat-rule:releases");
            Assert.Contains("team/app:v2", audit, StringComparison.Ordinal);
            Assert.DoesNotContain("team/app:latest", audit, StringComparison.Ordinal);

            await Registry.DisposeAsync();
            foreach (byte[] layer in new[] { amdLayer, armLayer })
            {
                using HttpResponseMessage cached = await edgeClient.GetAsync($"/v2/origin/team/app/blobs/{Digests.Sha256(layer)}");
                Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            }

            using HttpResponseMessage notPreheated = await edgeClient.GetAsync($"/v2/origin/team/app/blobs/{Digests.Sha256(skipped)}");
            Assert.Equal(HttpStatusCode.BadGateway, notPreheated.StatusCode);
        }
        finally
        {
            await edge.DisposeAsync();
        }
    }

    /// <summary>The audit entries of preheats by <paramref name="actor"/>, once there is one (the rules run in the background).</summary>
    private static async Task<string> WaitForAuditAsync(HttpClient origin, string actor)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            string audit = await origin.GetStringAsync($"/api/v1/audit?action=preheat.run&actor={actor}");
            if (audit.Contains("team/app", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return audit;
            }

            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task PreheatByCatalogQuery_PreheatsEveryTagItMatches()
    {
        RegistryProcess edge = await RegistryProcess.StartAsync();
        try
        {
            using HttpClient origin = Registry.CreateClient();
            await EdgeImages.PushTwoPlatformImageAsync(origin, "team/app", "1.0");
            await EdgeImages.PushTwoPlatformImageAsync(origin, "team/app", "2.0");
            await EdgeImages.PushTwoPlatformImageAsync(origin, "team/web", "1.1");
            await EdgeImages.PushTwoPlatformImageAsync(origin, "other/app", "1.0");
            using HttpClient edgeClient = edge.CreateClient();
            await EdgeImages.CreateRemoteAsync(edgeClient, "origin", Registry);
            using (HttpResponseMessage created = await origin.PostAsJsonAsync("/api/v1/preheat/edges",
                new { name = "edge-1", url = edge.BaseUri.ToString(), remoteKey = "origin", username = "admin", password = edge.AdminPassword }))
            {
                await EdgeImages.JsonAsync(created, HttpStatusCode.Created);
            }

            using HttpResponseMessage response = await origin.PostAsJsonAsync("/api/v1/preheat",
                new { query = new { @namespace = "team", tag = "1.*" }, platforms = new[] { "linux/arm64" } });
            JsonElement result = await EdgeImages.JsonAsync(response, HttpStatusCode.OK);
            Assert.True(result.GetProperty("succeeded").GetBoolean(), result.ToString());
            Assert.Equal(["team/app:1.0", "team/web:1.1"], result.GetProperty("images").EnumerateArray()
                .Select(i => i.GetProperty("repository").GetString() + ":" + i.GetProperty("reference").GetString()));
            // each image's config and its arm64 layer; not the amd64 layer
            Assert.All(result.GetProperty("images").EnumerateArray(), i => Assert.Equal(2, i.GetProperty("edges")[0].GetProperty("blobsFetched").GetInt32()));

            using HttpResponseMessage none = await origin.PostAsJsonAsync("/api/v1/preheat", new { query = new { repository = "team/app", tag = "9.*" } });
            await EdgeImages.JsonAsync(none, HttpStatusCode.NotFound);
        }
        finally
        {
            await edge.DisposeAsync();
        }
    }

    [Fact]
    public async Task Preheat_RefusesWhatItCannotDo()
    {
        using HttpClient origin = Registry.CreateClient();
        await EdgeImages.PushTwoPlatformImageAsync(origin, "team/app", "1.0");
        await ProblemAsync(origin, new { repository = "team/app", tag = "1.0" }, HttpStatusCode.BadRequest, "no edges are configured");
        using (HttpResponseMessage created = await origin.PostAsJsonAsync("/api/v1/preheat/edges", new { name = "e1", url = "http://127.0.0.1:9/", remoteKey = "origin" }))
        {
            await EdgeImages.JsonAsync(created, HttpStatusCode.Created);
        }

        await ProblemAsync(origin, new { repository = "team/app", tag = "2.0" }, HttpStatusCode.NotFound, "has no manifest '2.0'");
        await ProblemAsync(origin, new { repository = "team/app", tag = "1.0", edges = new[] { "nope" } }, HttpStatusCode.BadRequest, "edge 'nope' does not exist");
        await ProblemAsync(origin, new { repository = "team/app", tag = "1.0", platforms = new[] { "linux" } }, HttpStatusCode.BadRequest, "platforms are at most");

        using HttpResponseMessage badEdge = await origin.PostAsJsonAsync("/api/v1/preheat/edges", new { name = "e2", url = "ftp://x/", remoteKey = "origin" });
        Assert.Equal(HttpStatusCode.BadRequest, badEdge.StatusCode);
        using HttpResponseMessage passwordOnly = await origin.PostAsJsonAsync("/api/v1/preheat/edges", new { name = "e3", url = "http://x/", remoteKey = "origin", password = "p" });
        Assert.Contains("a password needs a username", await passwordOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage twice = await origin.PostAsJsonAsync("/api/v1/preheat/edges", new { name = "e1", url = "http://x/", remoteKey = "origin" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    private static async Task ProblemAsync(HttpClient origin, object body, HttpStatusCode status, string detail)
    {
        using HttpResponseMessage response = await origin.PostAsJsonAsync("/api/v1/preheat", body);
        JsonElement problem = await EdgeImages.JsonAsync(response, status);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
