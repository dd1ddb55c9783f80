using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Base-image lineage with real builds: an application image built with <c>docker build</c> FROM a base image in the
/// registry is linked to that base, turns stale when the base tag moves, and current again once rebuilt.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DockerLineageTests(DockerDaemon docker, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-docker-lineage-")
{
    [EndToEndFact]
    public async Task AppBuiltFromRegistryBase_IsStaleAfterTheBaseMovesTwice_AndCurrentOnceRebuilt()
    {
        using var http = Registry.CreateClient();
        await docker.LoginAsync(Registry);
        string baseImage = $"{Registry.HostPort}/base/java:17";
        string app = $"{Registry.HostPort}/team/app";

        string baseV1 = await BuildAndPushAsync("base-v1", "FROM scratch\nCOPY jdk.txt /opt/jdk/\n", ("jdk.txt", "jdk 17.0.1"), baseImage);
        string appOnV1 = await BuildAndPushAsync("app-1", $"FROM {baseImage}\nCOPY app.war /srv/\n", ("app.war", "war build 1"), app + ":1");
        await BuildAndPushAsync("base-v2", "FROM scratch\nCOPY jdk.txt /opt/jdk/\n", ("jdk.txt", "jdk 17.0.2"), baseImage);

        JsonElement afterFirstMove = await LineageAsync(http);
        Assert.Equal([("team/app", appOnV1, "stale", baseV1)], Images(afterFirstMove));

        string baseV3 = await BuildAndPushAsync("base-v3", "FROM scratch\nCOPY jdk.txt /opt/jdk/\n", ("jdk.txt", "jdk 17.0.3"), baseImage);
        string appOnV3 = await BuildAndPushAsync("app-2", $"FROM {baseImage}\nCOPY app.war /srv/\n", ("app.war", "war build 2"), app + ":2", pull: true);

        JsonElement afterRebuild = await LineageAsync(http);
        Assert.Equal(baseV3, afterRebuild.GetProperty("currentDigest").GetString());
        Assert.Equal(3, afterRebuild.GetProperty("historicDigests").GetArrayLength());
        Assert.Equal(
            new[] { ("team/app", appOnV1, "stale", baseV1), ("team/app", appOnV3, "current", baseV3) }.OrderBy(i => i.Item2, StringComparer.Ordinal),
            Images(afterRebuild));

        JsonElement found = (await http.GetFromJsonAsync<JsonElement>($"api/v1/repositories/team/app/manifests/{appOnV3}/base")).GetProperty("base");
        Assert.Equal(("base/java", baseV3, "current"), (found.GetProperty("repository").GetString(), found.GetProperty("digest").GetString(), found.GetProperty("status").GetString()));
    }

    private static async Task<JsonElement> LineageAsync(HttpClient http)
        => await http.GetFromJsonAsync<JsonElement>("api/v1/lineage?base=base/java:17");

    private static List<(string, string, string, string)> Images(JsonElement report)
        => [.. report.GetProperty("images").EnumerateArray()
            .Select(i => (i.GetProperty("repository").GetString()!, i.GetProperty("digest").GetString()!, i.GetProperty("status").GetString()!, i.GetProperty("baseDigest").GetString()!))
            .OrderBy(i => i.Item2, StringComparer.Ordinal)];

    /// <summary>Writes a build context, builds it (pulling the base afresh when asked), pushes it and returns the pushed digest.</summary>
    private async Task<string> BuildAndPushAsync(string name, string dockerfile, (string Path, string Content) file, string reference, bool pull = false)
    {
        string directory = Work.Combine(name);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "Dockerfile"), dockerfile);
        await File.WriteAllTextAsync(Path.Combine(directory, file.Path), file.Content);
        if (pull)
        {
            await docker.Docker("build", "--pull", "--tag", reference, directory);
        }
        else
        {
            await docker.Docker("build", "--tag", reference, directory);
        }

        (_, string digest) = await DockerImages.PushAsync(docker, reference);
        return digest;
    }
}
