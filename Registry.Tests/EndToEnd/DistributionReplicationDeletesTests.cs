using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Registry.Tests.Api;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A push rule that propagates deletes, to CNCF Distribution 2.x with deletion enabled, which refuses to delete a tag
/// alone (400 <c>DIGEST_INVALID</c>): a tag gone at the source is deleted there with its manifest, by digest, unless a
/// tag that stays there points at the same manifest or the rule still copies it (a platform manifest of a kept index);
/// a tag outside the filter is left.
/// </summary>
public sealed class DistributionReplicationDeletesTests : IDisposable
{
    private readonly AuthRegistry _source = new();
    private readonly TempDirectory _work = TempDirectory.Create("registry-replication-deletes-");

    public void Dispose()
    {
        _source.Dispose();
        _work.Dispose();
    }

    [EndToEndFact]
    public async Task PropagateDeletes_ToDistribution_FallsBackToDeletingByDigest_OnlyWhenNoStayingTagPointsThere()
    {
        string registryBinary = ExternalTool.Require("docker-registry", "docker-registry");
        int port = FreePort();
        string config = _work.Combine("config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {_work.Combine("data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            """);
        using Process distribution = Process.Start(new ProcessStartInfo(registryBinary, ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitReadyAsync(http);
            HttpClient source = _source.Admin;
            PushedManifest alone = await source.PushImageAsync("team/app", "1.0");
            PushedManifest shared = await source.PushImageAsync("team/app", "2.0");
            await source.PushManifestAsync("team/app", shared.Content, shared.MediaType, "2.1");
            PushedManifest amd64 = await source.PushImageAsync("team/app", "3.0-amd64");
            PushedManifest arm64 = await source.PushImageAsync("team/app");
            await source.PushManifestAsync("team/app",
                Manifests.OciIndex([amd64.Descriptor with { Platform = ("linux", "amd64") }, arm64.Descriptor with { Platform = ("linux", "arm64") }]),
                MediaTypes.OciIndex, "3.0");

            using HttpResponseMessage created = await source.PostAsJsonAsync("/api/v1/replication/rules", new
            {
                name = "to-distribution",
                registry = new { url = $"http://127.0.0.1:{port}" },
                filter = new { repositories = new[] { "team/**" }, tags = new[] { "*.*" } },
                propagateDeletes = true,
            });
            await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
            JsonElement first = await RunAsync(source);
            Assert.Equal(5, first.GetProperty("copied").GetInt32());

            // A tag only Distribution has, outside the filter, on the manifest the source is about to untag.
            using (var put = new ByteArrayContent(shared.Content))
            {
                put.Headers.ContentType = new MediaTypeHeaderValue(shared.MediaType);
                using HttpResponseMessage stable = await http.PutAsync("v2/team/app/manifests/stable", put);
                Assert.Equal(HttpStatusCode.Created, stable.StatusCode);
            }

            foreach (string tag in new[] { "1.0", "2.0", "3.0-amd64" })
            {
                using HttpResponseMessage deleted = await source.DeleteAsync($"/v2/team/app/manifests/{tag}");
                Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
            }

            JsonElement run = await RunAsync(source);

            Assert.True(run.GetProperty("status").GetString() == "succeeded", run.GetRawText());
            JsonElement gone = Item(run, "1.0");
            Assert.Equal("Deleted", gone.GetProperty("outcome").GetString());
            Assert.Contains($"deleted with its manifest {alone.Digest}", gone.GetProperty("reason").GetString(), StringComparison.Ordinal);
            JsonElement kept = Item(run, "2.0");
            Assert.Equal("Skipped", kept.GetProperty("outcome").GetString());
            Assert.Contains("its tag 2.1 stays there", kept.GetProperty("reason").GetString(), StringComparison.Ordinal);
            JsonElement child = Item(run, "3.0-amd64");
            Assert.Equal("Skipped", child.GetProperty("outcome").GetString());
            Assert.Contains("this rule still replicates it", child.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal(["2.0", "2.1", "3.0", "3.0-amd64", "stable"], await TagsAsync(http));
            using (var head = new HttpRequestMessage(HttpMethod.Head, $"v2/team/app/manifests/{alone.Digest}"))
            {
                head.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(alone.MediaType));
                using HttpResponseMessage absent = await http.SendAsync(head);
                Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
            }
        }
        finally
        {
            distribution.Kill(entireProcessTree: true);
            await distribution.WaitForExitAsync();
        }
    }

    private static JsonElement Item(JsonElement run, string tag)
        => run.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("tag").GetString() == tag);

    private static async Task<string[]> TagsAsync(HttpClient http)
    {
        using HttpResponseMessage response = await http.GetAsync("v2/team/app/tags/list");
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal)];
    }

    private static async Task<JsonElement> RunAsync(HttpClient source)
    {
        using HttpResponseMessage response = await source.PostAsync("/api/v1/replication/rules/to-distribution/run", null);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static async Task WaitReadyAsync(HttpClient http)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using HttpResponseMessage response = await http.GetAsync("v2/");
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("docker-registry did not start");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
