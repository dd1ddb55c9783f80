using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Retention with a real client: skopeo pushes multi-platform images under several tags, a policy runs through the
/// management API, and afterwards skopeo pulls every kept tag completely while the deleted ones are gone.
/// </summary>
[Collection(SkopeoCollection.Name)]
public sealed class SkopeoRetentionTests(SkopeoClient skopeo, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-skopeo-retention-")
{
    [EndToEndFact]
    public async Task Policy_KeepsTheHighestVersionOfEachMajor_AndLatest_AndKeptTagsStillPull()
    {
        string[] versions = ["1.0.0", "1.1.0", "2.0.0", "2.1.0"];
        var layouts = new Dictionary<string, OciLayout>();
        string credentials = $"admin:{Registry.AdminPassword}";
        for (int i = 0; i < versions.Length; i++)
        {
            OciLayout layout = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine(versions[i]), versions[i], seed: 100 + (10 * i), CancellationToken.None);
            layouts[versions[i]] = layout;
            await skopeo.Skopeo("copy", "--all", "--dest-tls-verify=false", "--dest-creds", credentials, layout.Reference, $"docker://{Registry.HostPort}/team/app:{versions[i]}");
        }

        await skopeo.Skopeo("copy", "--all", "--dest-tls-verify=false", "--dest-creds", credentials, layouts["2.1.0"].Reference, $"docker://{Registry.HostPort}/team/app:latest");

        using HttpClient http = Registry.CreateClient();
        using HttpResponseMessage created = await http.PostAsJsonAsync("api/v1/retention/policies", new
        {
            name = "releases",
            repositories = new[] { "team/*" },
            rules = new object[] { new { kind = "highest-versions", count = 1, perMajor = true }, new { kind = "matching", pattern = "latest" } },
        });
        await BlobUploadClient.ExpectAsync(HttpStatusCode.Created, created, "POST /api/v1/retention/policies", CancellationToken.None);

        JsonElement dryRun = await PostRunAsync(http, "dry-run");
        JsonElement run = await PostRunAsync(http, "run");

        Assert.Equal(Deleted(dryRun, "tags", "tag"), Deleted(run, "tags", "tag"));
        Assert.Equal(Deleted(dryRun, "manifests", "digest"), Deleted(run, "manifests", "digest"));
        Assert.Equal(dryRun.GetProperty("bytesFreed").GetInt64(), run.GetProperty("bytesFreed").GetInt64());
        Assert.Equal(["1.0.0", "2.0.0"], Deleted(run, "tags", "tag"));

        // Each deleted tag took its index and both platform images; nothing they used is shared with a kept image.
        string[] gone = [.. new[] { "1.0.0", "2.0.0" }.SelectMany(v => layouts[v].Images.Select(i => i.ManifestDigest).Append(layouts[v].IndexDigest)).Order(StringComparer.Ordinal)];
        Assert.Equal(gone, Deleted(run, "manifests", "digest"));
        long expectedBytes = new[] { "1.0.0", "2.0.0" }.SelectMany(v => layouts[v].AllDigests().Select(d => BlobSize(layouts[v], d))).Sum();
        Assert.Equal(expectedBytes, run.GetProperty("bytesFreed").GetInt64());

        var distribution = new DistributionClient(http);
        Assert.Equal(["1.1.0", "2.1.0", "latest"], await distribution.GetTagsAsync("team/app", CancellationToken.None));
        foreach (string kept in new[] { "1.1.0", "2.1.0", "latest" })
        {
            await skopeo.Skopeo("copy", "--all", "--src-tls-verify=false", "--src-creds", credentials,
                $"docker://{Registry.HostPort}/team/app:{kept}", $"oci:{Work.Combine("pulled-" + kept)}:{kept}");
        }

        ProcessResult missing = await skopeo.SkopeoUncheckedAsync(
            ["inspect", "--raw", "--tls-verify=false", "--creds", credentials, $"docker://{Registry.HostPort}/team/app:1.0.0"], CancellationToken.None);
        Assert.False(missing.Succeeded, $"skopeo still finds team/app:1.0.0 after the retention run.\n{missing.Describe()}");
    }

    private static async Task<JsonElement> PostRunAsync(HttpClient http, string action)
    {
        using HttpResponseMessage response = await http.PostAsync($"api/v1/retention/policies/releases/{action}", null);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, response, $"POST /api/v1/retention/policies/releases/{action}", CancellationToken.None);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static string[] Deleted(JsonElement run, string list, string field)
        => [.. run.GetProperty("details").GetProperty(list).EnumerateArray().Select(e => e.GetProperty(field).GetString()!).Order(StringComparer.Ordinal)];

    private static long BlobSize(OciLayout layout, string digest)
        => new FileInfo(Path.Combine(layout.Directory, "blobs", "sha256", digest["sha256:".Length..])).Length;
}
