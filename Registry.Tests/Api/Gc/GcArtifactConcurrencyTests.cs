using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Tests.Api.Artifacts;

namespace Registry.Tests.Api.Gc;

/// <summary>
/// Artifact deploys, redeploys, deploys by checksum and deletes racing continuous collection (no review delay, short
/// pins, a few contents that keep going from used to unused and back): no deploy ever ends with a file whose bytes
/// are gone, and afterwards the store holds exactly the contents live files use.
/// </summary>
public sealed class GcArtifactConcurrencyTests : IDisposable
{
    private static readonly TimeSpan PinDuration = TimeSpan.FromSeconds(1);
    private const int Rounds = 40;
    private const int MaxRounds = 400;
    private readonly RegistryApiFactory _storage = new();
    private readonly SkippingClock _clock = new();
    private readonly WebApplicationFactory<Program> _registry;

    public GcArtifactConcurrencyTests()
    {
        _registry = _storage.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Registry:Gc:ReviewDelay", "00:00:00");
            builder.UseSetting("Registry:Gc:Interval", "00:00:00.050");
            builder.UseSetting("Registry:Gc:PinDuration", PinDuration.ToString());
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));
        });
    }

    public void Dispose()
    {
        _registry.Dispose();
        _storage.Dispose();
    }

    private HttpClient Admin()
    {
        HttpClient client = _registry.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + RegistryApiFactory.AdminPassword)));
        return client;
    }

    [Fact]
    public async Task DeploysAndDeletesRacingContinuousCollection_NeverLoseBytes_AndLeaveOnlyLiveContentStored()
    {
        using HttpClient admin = Admin();
        string repo = await admin.CreateArtifactRepositoryAsync(allowRedeploy: true);
        byte[][] contents = [.. Enumerable.Range(0, 4).Select(i => Digests.RandomBytes(16 * 1024 * (i + 1)))];

        Dictionary<string, byte[]>[] live = await Task.WhenAll(Enumerable.Range(0, 3).Select(worker => Task.Run(() => WorkAsync(repo, worker, contents))));

        Assert.True(await CollectedAsync(admin), "collection removed nothing during the race");

        var files = live.SelectMany(l => l).ToDictionary();
        foreach ((string path, byte[] expected) in files)
        {
            using HttpResponseMessage response = await admin.GetAsync($"/artifactory/{repo}/{path}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            Assert.Equal(ArtifactRequests.Sha256(expected), ArtifactRequests.Sha256(await response.Content.ReadAsByteArrayAsync()));
        }

        // Once every pin has expired, a pass leaves exactly the contents live files use.
        _clock.Skip(PinDuration + TimeSpan.FromSeconds(1));
        using (HttpResponseMessage run = await admin.PostAsync("/api/v1/gc/run", null))
        {
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
            Assert.Equal(0, JsonDocument.Parse(await run.Content.ReadAsStringAsync()).RootElement.GetProperty("run").GetProperty("errors").GetInt32());
        }

        SortedSet<string> used = new(files.Values.Select(c => "sha256:" + ArtifactRequests.Sha256(c)), StringComparer.Ordinal);
        Assert.Equal(used, new SortedSet<string>(_storage.StoredBlobSizes().Keys, StringComparer.Ordinal));
    }

    /// <summary>
    /// Redeploys, deploys by checksum and deletes files of its own, checking after each round that every file it has
    /// downloads whole; goes on past <see cref="Rounds"/> until a pass has removed something. Returns the files it left.
    /// </summary>
    private async Task<Dictionary<string, byte[]>> WorkAsync(string repo, int worker, byte[][] contents)
    {
        using HttpClient client = Admin();
        var live = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (int round = 0; round < Rounds || (round < MaxRounds && !await CollectedAsync(client)); round++)
        {
            // Fresh content each round replaces the last: the old one is unreferenced, and collected once its pin expires.
            byte[] scratch = Digests.RandomBytes(2048);
            await client.DeployOkAsync($"/artifactory/{repo}/w{worker}/scratch.bin", scratch);
            live[$"w{worker}/scratch.bin"] = scratch;

            byte[] content = contents[(round + worker) % contents.Length];
            string path = $"w{worker}/f{round % 3}.bin";
            await client.DeployOkAsync($"/artifactory/{repo}/{path}", content);   // a redeploy from round 3 on
            live[path] = content;

            byte[] other = contents[(round + worker + 1) % contents.Length];
            string copy = $"w{worker}/copy{round % 2}.bin";
            using (HttpResponseMessage byChecksum = await client.DeployAsync($"/artifactory/{repo}/{copy}", [],
                ("X-Checksum-Deploy", "true"), ("X-Checksum-Sha256", ArtifactRequests.Sha256(other))))
            {
                Assert.True(byChecksum.StatusCode is HttpStatusCode.Created or HttpStatusCode.NotFound, $"deploy by checksum answered {(int)byChecksum.StatusCode}");
                if (byChecksum.StatusCode == HttpStatusCode.Created)
                {
                    live[copy] = other;
                }
            }

            if (round % 4 == 3)
            {
                string gone = $"w{worker}/f{(round + 1) % 3}.bin";
                using HttpResponseMessage deleted = await client.DeleteAsync($"/artifactory/{repo}/{gone}");
                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
                live.Remove(gone);
            }

            foreach ((string file, byte[] expected) in live)
            {
                using HttpResponseMessage response = await client.GetAsync($"/artifactory/{repo}/{file}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"round {round}: {file} answered {(int)response.StatusCode}");
                Assert.Equal(ArtifactRequests.Sha256(expected), ArtifactRequests.Sha256(await response.Content.ReadAsByteArrayAsync()));
            }
        }

        return live;
    }

    /// <summary>Whether the passes so far removed anything (the race must overlap real deletions).</summary>
    private static async Task<bool> CollectedAsync(HttpClient client)
    {
        using HttpResponseMessage history = await client.GetAsync("/api/v1/gc?runs=1000");
        JsonElement runs = JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("runs");
        return runs.EnumerateArray().Sum(r => r.GetProperty("blobsDeleted").GetInt32()) > 0;
    }
}
