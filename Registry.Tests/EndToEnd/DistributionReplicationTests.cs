using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Registry.Tests.Api;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A push rule whose other registry is CNCF Distribution (<c>docker-registry</c> on loopback): an image, a
/// multi-platform index and a referrer arrive with every digest unchanged, as skopeo reads them back; a second run
/// sends nothing.
/// </summary>
public sealed class DistributionReplicationTests : IDisposable
{
    private readonly AuthRegistry _source = new();
    private readonly TempDirectory _work = TempDirectory.Create("registry-replication-distribution-");

    public void Dispose()
    {
        _source.Dispose();
        _work.Dispose();
    }

    [EndToEndFact]
    public async Task PushRule_ToDistribution_KeepsEveryDigest_AsSkopeoSeesIt()
    {
        string registryBinary = ExternalTool.Require("docker-registry", "docker-registry");
        string skopeo = ExternalTool.Require("skopeo", "skopeo");
        int port = FreePort();
        string config = _work.Combine("config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {_work.Combine("data")}
            http:
              addr: 127.0.0.1:{port}
            """);
        using Process distribution = Process.Start(new ProcessStartInfo(registryBinary, ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitReadyAsync(http);
            HttpClient source = _source.Admin;
            PushedManifest image = await source.PushImageAsync("team/app", "1.0");
            PushedManifest amd64 = await source.PushImageAsync("team/app");
            PushedManifest arm64 = await source.PushImageAsync("team/app");
            PushedManifest index = await source.PushManifestAsync("team/app",
                Manifests.OciIndex([amd64.Descriptor with { Platform = ("linux", "amd64") }, arm64.Descriptor with { Platform = ("linux", "arm64") }]),
                MediaTypes.OciIndex, "2.0");
            PushedManifest signature = await source.PushImageAsync("team/app", subject: image.Descriptor, artifactType: "application/vnd.example.signature");

            using HttpResponseMessage created = await source.PostAsJsonAsync("/api/v1/replication/rules", new
            {
                name = "to-distribution",
                registry = new { url = $"http://127.0.0.1:{port}" },
                filter = new { repositories = new[] { "team/**" } },
            });
            await OciAssert.SuccessAsync(created, HttpStatusCode.Created);

            JsonElement run = await RunAsync(source);
            Assert.True(run.GetProperty("status").GetString() == "succeeded", run.GetRawText());
            Assert.Equal(2, run.GetProperty("copied").GetInt32());

            foreach ((string reference, PushedManifest expected) in new[] { ("1.0", image), ("2.0", index), (amd64.Digest, amd64), (signature.Digest, signature) })
            {
                ProcessResult raw = await ProcessRunner.RunCheckedAsync(skopeo,
                    ["inspect", "--raw", "--tls-verify=false", $"docker://127.0.0.1:{port}/team/app:{reference}".Replace(":sha256:", "@sha256:", StringComparison.Ordinal)]);
                Assert.Equal(expected.Digest, Digests.Sha256(System.Text.Encoding.UTF8.GetBytes(raw.StandardOutput)));
            }

            var client = new DistributionClient(http);
            foreach (string layer in await client.GetLayerDigestsAsync("team/app", "1.0", CancellationToken.None))
            {
                Assert.Equal(HttpStatusCode.OK, await client.HeadBlobAsync("team/app", layer, CancellationToken.None));
            }

            JsonElement again = await RunAsync(source);
            Assert.Equal((0, 2, 0), (again.GetProperty("copied").GetInt32(), again.GetProperty("skipped").GetInt32(), again.GetProperty("blobsSent").GetInt32()));
        }
        finally
        {
            distribution.Kill(entireProcessTree: true);
            await distribution.WaitForExitAsync();
        }
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
