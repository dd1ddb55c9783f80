using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A pull rule whose source is CNCF Distribution: skopeo pushes two multi-platform images there, the rule (a
/// repository glob through Distribution's catalog, a semver range) pulls one of them into a registry process of ours,
/// and skopeo reads the index and every platform manifest back through our registry with the digests it pushed; a
/// second run fetches nothing.
/// </summary>
[Collection(SkopeoCollection.Name)]
public sealed class DistributionPullReplicationTests(SkopeoClient skopeo, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-pull-distribution-")
{
    [EndToEndFact]
    public async Task PullRule_FromDistribution_KeepsEveryDigest_AsSkopeoSeesItHere()
    {
        await using DistributionRegistry distribution = await DistributionRegistry.StartAsync(Work.Path);
        OciLayout wanted = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("one"), "1.4.0", seed: 40, CancellationToken.None);
        OciLayout other = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("two"), "2.0.0", seed: 80, CancellationToken.None);
        foreach (OciLayout layout in new[] { wanted, other })
        {
            await skopeo.Skopeo("copy", "--all", "--preserve-digests", "--dest-tls-verify=false", layout.Reference, $"docker://{distribution.HostPort}/team/app:{layout.Tag}");
        }

        using HttpClient http = Registry.CreateClient();
        using HttpResponseMessage created = await http.PostAsJsonAsync("api/v1/replication/rules", new
        {
            name = "from-distribution",
            direction = "pull",
            registry = new { url = $"http://{distribution.HostPort}" },
            filter = new { repositories = new[] { "team/*" }, versions = ">=1.0.0 <2" },
            mapping = new { mode = "prefix", from = "team", to = "mirror" },
        });
        await BlobUploadClient.ExpectAsync(HttpStatusCode.Created, created, "POST /api/v1/replication/rules", CancellationToken.None);

        JsonElement run = await RunAsync(http);
        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.GetRawText());
        Assert.Equal(1, run.GetProperty("copied").GetInt32());
        Assert.Equal("1.4.0", Assert.Single(run.GetProperty("items").EnumerateArray()).GetProperty("tag").GetString());
        Assert.True(run.GetProperty("blobsSent").GetInt32() > 0);

        string credentials = $"admin:{Registry.AdminPassword}";
        var expected = new List<(string Reference, string Digest)> { ("mirror/app:1.4.0", wanted.IndexDigest) };
        expected.AddRange(wanted.Images.Select(i => ($"mirror/app@{i.ManifestDigest}", i.ManifestDigest)));
        foreach ((string reference, string digest) in expected)
        {
            ProcessResult raw = await skopeo.Skopeo("inspect", "--raw", "--tls-verify=false", "--creds", credentials, $"docker://{Registry.HostPort}/{reference}");
            Assert.Equal(digest, Digests.Sha256(Encoding.UTF8.GetBytes(raw.StandardOutput)));
        }

        await skopeo.Skopeo("copy", "--all", "--src-tls-verify=false", "--src-creds", credentials,
            $"docker://{Registry.HostPort}/mirror/app:1.4.0", $"oci:{Work.Combine("pulled")}:1.4.0");

        JsonElement again = await RunAsync(http);
        Assert.Equal((0, 1, 0, 0L), (again.GetProperty("copied").GetInt32(), again.GetProperty("skipped").GetInt32(), again.GetProperty("blobsSent").GetInt32(), again.GetProperty("bytes").GetInt64()));
    }

    private static async Task<JsonElement> RunAsync(HttpClient http)
    {
        using HttpResponseMessage response = await http.PostAsync("api/v1/replication/rules/from-distribution/run", null);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, response, "POST /api/v1/replication/rules/from-distribution/run", CancellationToken.None);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
