using System.Text;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Air-gapped transfer with a real OCI tool on the other side: skopeo reads what the <c>export</c> command writes (a
/// tar through <c>oci-archive:</c>, a directory through <c>oci:</c>, one image of several repositories picked by
/// <c>repository:tag</c>), and the <c>import</c> command and <c>POST /api/v1/imports</c> take layouts skopeo wrote,
/// which are then pulled back from the registry with every digest unchanged.
/// </summary>
[Collection(SkopeoCollection.Name)]
public sealed class SkopeoTransferTests(SkopeoClient skopeo, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-transfer-")
{
    private OciLayout? multi;
    private OciLayout? single;

    private OciLayout Multi => multi ?? throw new InvalidOperationException("The OCI layout was not written.");

    private OciLayout Other => single ?? throw new InvalidOperationException("The OCI layout was not written.");

    private string Creds => $"admin:{Registry.AdminPassword}";

    public override async Task InitializeAsync()
    {
        multi = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("multi"), "v1", seed: 1, CancellationToken.None);
        single = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("other"), "v2", seed: 2, CancellationToken.None);
        await base.InitializeAsync();
    }

    [EndToEndFact]
    public async Task SkopeoReadsExport_AsArchiveAndDirectory_PickingEachImageByRepositoryAndTag()
    {
        await PushAsync(Multi, "e2e/multi", "v1");
        await PushAsync(Other, "e2e/other", "v2");
        string tar = Work.Combine("export.tar");
        string directory = Work.Combine("export-dir");

        ProcessResult toTar = await CommandAsync("export", "--repository", "e2e/*", "--output", tar);
        Assert.True(toTar.ExitCode == 0, toTar.Describe());
        Assert.Contains("Exported 2 repositories, 2 tags", toTar.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("write ", toTar.StandardError, StringComparison.Ordinal);   // progress on standard error
        ProcessResult toDirectory = await CommandAsync("export", "--repository", "e2e/other", "--output", directory);
        Assert.True(toDirectory.ExitCode == 0, toDirectory.Describe());

        string fromArchive = Work.Combine("from-archive");
        await skopeo.Skopeo("copy", "--all", $"oci-archive:{tar}:e2e/multi:v1", $"oci:{fromArchive}:v1");
        AssertLayoutHolds(fromArchive, Multi);
        string fromArchiveOther = Work.Combine("from-archive-other");
        await skopeo.Skopeo("copy", "--all", $"oci-archive:{tar}:e2e/other:v2", $"oci:{fromArchiveOther}:v2");
        AssertLayoutHolds(fromArchiveOther, Other);

        ProcessResult raw = await skopeo.Skopeo("inspect", "--raw", $"oci:{directory}:e2e/other:v2");
        Assert.Equal(Other.IndexDigest, Digests.Sha256(Encoding.UTF8.GetBytes(raw.StandardOutput.TrimEnd('\n'))));
        string fromDirectory = Work.Combine("from-directory");
        await skopeo.Skopeo("copy", "--all", $"oci:{directory}:e2e/other:v2", $"oci:{fromDirectory}:v2");
        AssertLayoutHolds(fromDirectory, Other);
    }

    [EndToEndFact]
    public async Task ImportOfSkopeoLayouts_ByCommandAndApi_ThenPullsBackEveryDigest()
    {
        string archive = Work.Combine("skopeo.tar");
        string directory = Work.Combine("skopeo-dir");
        await skopeo.Skopeo("copy", "--all", Multi.Reference, $"oci-archive:{archive}:v1");
        await skopeo.Skopeo("copy", "--all", Other.Reference, $"oci:{directory}:v2");

        ProcessResult imported = await CommandAsync("import", directory, "--repository", "e2e/from-dir");
        Assert.True(imported.ExitCode == 0, imported.Describe());
        Assert.Contains("verify ", imported.StandardError, StringComparison.Ordinal);
        using (HttpClient http = Registry.CreateClient())
        using (var content = new StreamContent(File.OpenRead(archive)))
        using (HttpResponseMessage response = await http.PostAsync("api/v1/imports?repository=e2e/from-archive", content))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        string pulledDirectory = Work.Combine("pulled-dir");
        await skopeo.Skopeo("copy", "--all", "--src-tls-verify=false", "--src-creds", Creds, $"docker://{Registry.HostPort}/e2e/from-dir:v2", $"oci:{pulledDirectory}:v2");
        AssertLayoutHolds(pulledDirectory, Other);
        string pulledArchive = Work.Combine("pulled-archive");
        await skopeo.Skopeo("copy", "--all", "--src-tls-verify=false", "--src-creds", Creds, $"docker://{Registry.HostPort}/e2e/from-archive:v1", $"oci:{pulledArchive}:v1");
        AssertLayoutHolds(pulledArchive, Multi);
    }

    [EndToEndFact]
    public async Task ImportCommand_OfLayoutWithACorruptBlob_RefusesAndImportsNothing()
    {
        string directory = Work.Combine("skopeo-dir");
        await skopeo.Skopeo("copy", "--all", Multi.Reference, $"oci:{directory}:v1");
        string layer = Path.Combine(directory, "blobs", "sha256", Digests.Hex(Multi.Image("arm64").LayerDigests[0]));
        byte[] bytes = await File.ReadAllBytesAsync(layer);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(layer, bytes);

        ProcessResult imported = await CommandAsync("import", directory, "--repository", "e2e/corrupt");

        Assert.True(imported.ExitCode == 1, imported.Describe());
        Assert.Contains("nothing was imported", imported.StandardError, StringComparison.Ordinal);
        Assert.Contains(Digests.Hex(Multi.Image("arm64").LayerDigests[0]), imported.StandardError, StringComparison.Ordinal);
        using HttpClient http = Registry.CreateClient();
        using HttpResponseMessage tags = await http.GetAsync("v2/e2e/corrupt/tags/list");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, tags.StatusCode);
    }

    private async Task PushAsync(OciLayout layout, string repository, string tag)
        => await skopeo.Skopeo("copy", "--all", "--dest-tls-verify=false", "--dest-creds", Creds, layout.Reference, $"docker://{Registry.HostPort}/{repository}:{tag}");

    /// <summary>Runs a command of the registry binary on the running registry's data directory.</summary>
    private Task<ProcessResult> CommandAsync(params string[] arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Registry.Api.dll");
        var options = ProcessRunOptions.Default with
        {
            Timeout = TimeSpan.FromMinutes(3),
            Environment = new Dictionary<string, string?> { ["Registry__Storage__Path"] = Registry.DataPath },
        };
        return ProcessRunner.RunAsync("dotnet", [dll, .. arguments], options);
    }

    private static void AssertLayoutHolds(string directory, OciLayout expected)
    {
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "index.json")));
        JsonElement entry = Assert.Single(index.RootElement.GetProperty("manifests").EnumerateArray());
        Assert.Equal(expected.IndexDigest, entry.GetProperty("digest").GetString());
        foreach (string digest in expected.AllDigests())
        {
            string blob = Path.Combine(directory, "blobs", "sha256", Digests.Hex(digest));
            Assert.True(File.Exists(blob), $"{digest} is missing from {directory}.");
            Assert.Equal(digest, Digests.Sha256OfFile(blob));
        }
    }
}
