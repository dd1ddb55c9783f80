using System.Diagnostics;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The scheduler catalog against real docker: an image built from a Dockerfile with a LABEL and pushed by a logged-in
/// docker shows its labels and platform, and, after <c>docker pull</c>, its pull time and count (flushed by the
/// registry within its default interval, no test hook involved).
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DockerCatalogTests(DockerDaemon docker, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-docker-catalog-")
{
    private static readonly TimeSpan FlushWait = TimeSpan.FromSeconds(30);

    [EndToEndFact]
    public async Task DockerPushedImage_ShowsItsDockerfileLabels_AndItsPullTimeAfterDockerPull()
    {
        using var http = Registry.CreateClient();
        await docker.LoginAsync(Registry);
        var context = await DockerBuildContext.WriteAsync(Work.Combine("context"), seed: 701, CancellationToken.None);
        var tagged = $"{Registry.HostPort}/team/app:1.0";
        await DockerImages.BuildAsync(docker, context, tagged);
        var (_, digest) = await DockerImages.PushAsync(docker, tagged);

        var pushed = await EntryAsync(http, "team/app", "1.0");
        Output.WriteLine(pushed.GetRawText());
        Assert.Equal(digest, pushed.GetProperty("digest").GetString());
        Assert.Equal("701", pushed.GetProperty("labels").GetProperty("org.example.e2e.seed").GetString());
        var platform = Assert.Single(pushed.GetProperty("platforms").EnumerateArray());
        Assert.Equal("linux", platform.GetProperty("os").GetString());
        Assert.False(string.IsNullOrEmpty(platform.GetProperty("architecture").GetString()));
        Assert.Equal(0, pushed.GetProperty("pullCount").GetInt64());
        Assert.Equal(JsonValueKind.Null, pushed.GetProperty("lastPulledAt").ValueKind);

        await docker.Docker("rmi", tagged);
        var beforePull = DateTimeOffset.UtcNow.AddSeconds(-1);
        var pulled = await docker.Docker("pull", tagged);
        Assert.Contains($"Digest: {digest}", pulled.StandardOutput, StringComparison.Ordinal);

        var waited = Stopwatch.StartNew();
        var entry = await EntryAsync(http, "team/app", "1.0");
        while (entry.GetProperty("pullCount").GetInt64() == 0 && waited.Elapsed < FlushWait)
        {
            await Task.Delay(250);
            entry = await EntryAsync(http, "team/app", "1.0");
        }

        Output.WriteLine($"after {waited.Elapsed.TotalSeconds:F1} s: {entry.GetRawText()}");
        Assert.True(entry.GetProperty("pullCount").GetInt64() >= 1, $"docker pull was not counted within {FlushWait}: {entry.GetRawText()}");
        Assert.InRange(entry.GetProperty("lastPulledAt").GetDateTimeOffset(), beforePull, DateTimeOffset.UtcNow);
        await docker.Docker("rmi", tagged);

        // The size is what a pull fetches: the manifest, its config and its layers.
        using var manifest = await http.GetAsync($"v2/team/app/manifests/{digest}");
        var bytes = await manifest.Content.ReadAsByteArrayAsync();
        using var parsed = JsonDocument.Parse(bytes);
        var blobs = parsed.RootElement.GetProperty("config").GetProperty("size").GetInt64()
            + parsed.RootElement.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("size").GetInt64());
        Assert.Equal(bytes.Length + blobs, entry.GetProperty("size").GetInt64());
    }

    private static async Task<JsonElement> EntryAsync(HttpClient http, string repository, string tag)
    {
        using var response = await http.GetAsync($"api/v1/catalog?repository={repository}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /api/v1/catalog answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var repositories = json.RootElement.GetProperty("repositories");
        var tags = Assert.Single(repositories.EnumerateArray()).GetProperty("tags");
        return tags.EnumerateArray().Single(t => t.GetProperty("tag").GetString() == tag).Clone();
    }
}
