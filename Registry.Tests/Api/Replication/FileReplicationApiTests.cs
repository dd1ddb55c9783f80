using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Artifacts;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Replication;

/// <summary>
/// Push rules whose filter names artifact repositories carry those repositories' files to the repository with the
/// same key at another instance of ours: only the paths the filter takes, with their properties; content the other
/// side has is deployed by checksum (no bytes sent); a file there with other content is replaced only when the rule
/// overwrites.
/// </summary>
public sealed class FileReplicationApiTests : IDisposable
{
    private readonly ReplicationPeers _peers = new();

    public void Dispose() => _peers.Dispose();

    private HttpClient Source => _peers.Source.Admin;

    private HttpClient Destination => _peers.Destination.Admin;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        await OciAssert.SuccessAsync(response, status);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private async Task<JsonElement> RunAsync(string rule)
    {
        using HttpResponseMessage response = await Source.PostAsync($"/api/v1/replication/rules/{rule}/run", null);
        return await JsonAsync(response);
    }

    private static JsonElement Item(JsonElement run, string path)
        => run.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("tag").GetString() == path);

    private async Task<byte[]> DestinationFileAsync(string key, string path)
    {
        using HttpResponseMessage response = await Destination.GetAsync($"/artifactory/{key}/{path}");
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Run_CarriesTheSelectedFilesWithProperties_ByChecksumWhenThereAlready_AndOverwritesOnlyWhenAsked()
    {
        string key = await Source.CreateArtifactRepositoryAsync();
        using (HttpResponseMessage created = await Destination.PostAsJsonAsync("/api/v1/artifact-repositories", new { key, type = "generic", allowRedeploy = true }))
        {
            await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
        }

        byte[] tool = Digests.RandomBytes(150_000);
        await Source.DeployOkAsync($"/artifactory/{key}/tools/1.0/tool.bin;build=42", tool);
        await Source.DeployOkAsync($"/artifactory/{key}/docs/notes.txt", "not selected\n"u8.ToArray());
        using (HttpResponseMessage created = await Source.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "files",
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { AuthRegistry.UniqueName("no-images") + "/none" }, artifactRepositories = new[] { key }, artifactPaths = new[] { "tools/**" } },
        }))
        {
            JsonElement rule = await JsonAsync(created, HttpStatusCode.Created);
            Assert.Equal([key], rule.GetProperty("filter").GetProperty("artifactRepositories").EnumerateArray().Select(k => k.GetString()));
        }

        JsonElement first = await RunAsync("files");

        Assert.Equal(("succeeded", 1, 1, 0L + tool.Length), (first.GetProperty("status").GetString(), first.GetProperty("copied").GetInt32(), first.GetProperty("blobsSent").GetInt32(), first.GetProperty("bytes").GetInt64()));
        Assert.Equal("Copied", Item(first, "tools/1.0/tool.bin").GetProperty("outcome").GetString());
        Assert.Equal(tool, await DestinationFileAsync(key, "tools/1.0/tool.bin"));
        JsonElement properties = (await Destination.GetJsonAsync($"/artifactory/api/storage/{key}/tools/1.0/tool.bin?properties")).GetProperty("properties");
        Assert.Equal("42", properties.GetProperty("build")[0].GetString());
        using (HttpResponseMessage notes = await Destination.GetAsync($"/artifactory/{key}/docs/notes.txt"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notes.StatusCode);
        }

        await Source.DeployOkAsync($"/artifactory/{key}/tools/1.1/tool.bin", tool);
        JsonElement second = await RunAsync("files");

        Assert.Equal("up to date", Item(second, "tools/1.0/tool.bin").GetProperty("reason").GetString());
        Assert.Equal("Copied", Item(second, "tools/1.1/tool.bin").GetProperty("outcome").GetString());
        Assert.Equal((0, 1, 0L), (second.GetProperty("blobsSent").GetInt32(), second.GetProperty("blobsMounted").GetInt32(), second.GetProperty("bytes").GetInt64()));
        Assert.Equal(tool, await DestinationFileAsync(key, "tools/1.1/tool.bin"));

        await Destination.DeployOkAsync($"/artifactory/{key}/tools/1.0/tool.bin", "changed there\n"u8.ToArray());
        JsonElement kept = await RunAsync("files");

        Assert.Equal("Skipped", Item(kept, "tools/1.0/tool.bin").GetProperty("outcome").GetString());
        Assert.StartsWith("the destination file has other content", Item(kept, "tools/1.0/tool.bin").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("changed there\n"u8.ToArray(), await DestinationFileAsync(key, "tools/1.0/tool.bin"));

        using (HttpResponseMessage patched = await Source.PatchAsJsonAsync("/api/v1/replication/rules/files", new { overwrite = true }))
        {
            await OciAssert.SuccessAsync(patched, HttpStatusCode.OK);
        }

        JsonElement overwritten = await RunAsync("files");

        Assert.Equal("overwritten", Item(overwritten, "tools/1.0/tool.bin").GetProperty("reason").GetString());
        Assert.Equal(tool, await DestinationFileAsync(key, "tools/1.0/tool.bin"));
    }

    [Fact]
    public async Task Run_ToAnArtifactRepositoryTheOtherSideLacks_FailsThatFile_WithTheReason()
    {
        string key = await Source.CreateArtifactRepositoryAsync();
        await Source.DeployOkAsync($"/artifactory/{key}/a.bin", Digests.RandomBytes(100));
        using (HttpResponseMessage created = await Source.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "no-such-key",
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { AuthRegistry.UniqueName("no-images") + "/none" }, artifactRepositories = new[] { key } },
        }))
        {
            await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
        }

        JsonElement run = await RunAsync("no-such-key");

        Assert.Equal("failed", run.GetProperty("status").GetString());
        JsonElement item = Item(run, "a.bin");
        Assert.Equal("Failed", item.GetProperty("outcome").GetString());
        Assert.Contains("404", item.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
