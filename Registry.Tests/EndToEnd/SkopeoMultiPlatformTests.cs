using System.Net;
using System.Text;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

[Collection(SkopeoCollection.Name)]
public sealed class SkopeoMultiPlatformTests(SkopeoClient skopeo, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-skopeo-")
{
    private const string Repository = "e2e/multi";
    private const string Tag = "v1";

    private OciLayout? layout;

    private OciLayout Layout => layout ?? throw new InvalidOperationException("The OCI layout was not written.");

    private string Remote => $"docker://{Registry.HostPort}/{Repository}";

    /// <summary>skopeo signs in as admin on every command, as a user passing --creds does.</summary>
    private string Creds => $"admin:{Registry.AdminPassword}";

    public override async Task InitializeAsync()
    {
        layout = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("layout"), Tag, CancellationToken.None);
        await base.InitializeAsync();
    }

    [EndToEndFact]
    public async Task SkopeoCopyAll_OfMultiPlatformIndex_StoresIndexAndBothPlatformImages()
    {
        await CopyLayoutIntoRegistryAsync();

        var raw = await skopeo.Skopeo("inspect", "--tls-verify=false", "--creds", Creds, "--raw", $"{Remote}:{Tag}");
        Assert.Equal(Layout.IndexDigest, Digests.Sha256(Encoding.UTF8.GetBytes(raw.StandardOutput.TrimEnd('\n'))));
        using (var index = JsonDocument.Parse(raw.StandardOutput))
        {
            var platforms = index.RootElement.GetProperty("manifests").EnumerateArray()
                .Select(m => $"{m.GetProperty("platform").GetProperty("os").GetString()}/{m.GetProperty("platform").GetProperty("architecture").GetString()}")
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.Equal(["linux/amd64", "linux/arm64"], platforms);
        }

        var arm64 = Layout.Image("arm64");
        var inspected = await skopeo.Skopeo(
            "inspect", "--tls-verify=false", "--creds", Creds,
            "--override-os", "linux", "--override-arch", "arm64", "--override-variant", "v8", $"{Remote}:{Tag}");
        using (var json = JsonDocument.Parse(inspected.StandardOutput))
        {
            Assert.Equal("arm64", json.RootElement.GetProperty("Architecture").GetString());
            // skopeo reports the digest of what the tag names (the index); the layers are the arm64 image's.
            Assert.Equal(Layout.IndexDigest, json.RootElement.GetProperty("Digest").GetString());
            Assert.Equal(arm64.LayerDigests, json.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!).ToList());
        }

        var config = await skopeo.Skopeo(
            "inspect", "--tls-verify=false", "--creds", Creds, "--config", "--raw",
            "--override-os", "linux", "--override-arch", "arm64", "--override-variant", "v8", $"{Remote}:{Tag}");
        Assert.Equal(Encoding.UTF8.GetString(arm64.Config), config.StandardOutput.TrimEnd('\n'));

        using var http = Registry.CreateClient();
        var distribution = new DistributionClient(http);
        var manifest = await distribution.GetManifestAsync(Repository, Tag, CancellationToken.None);
        Assert.True(manifest.StatusCode == HttpStatusCode.OK, $"GET {Repository}:{Tag}: {manifest}");
        Assert.Equal(OciLayoutBuilder.IndexMediaType, manifest.ContentType);
        Assert.Equal(Layout.IndexDigest, manifest.DockerContentDigest);
        Assert.Equal(Layout.Index, manifest.Body);
        foreach (var image in Layout.Images)
        {
            var child = await distribution.GetManifestAsync(Repository, image.ManifestDigest, CancellationToken.None);
            Assert.True(child.StatusCode == HttpStatusCode.OK, $"GET {Repository}@{image.ManifestDigest} ({image.Architecture}): {child}");
            Assert.Equal(OciLayoutBuilder.ManifestMediaType, child.ContentType);
        }
    }

    [EndToEndFact]
    public async Task SkopeoCopyAll_BackToNewOciLayout_PreservesEveryDigest()
    {
        await CopyLayoutIntoRegistryAsync();
        var copy = Work.Combine("copy");

        await skopeo.Skopeo("copy", "--all", "--src-tls-verify=false", "--src-creds", Creds, $"{Remote}:{Tag}", $"oci:{copy}:{Tag}");

        using var index = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(copy, "index.json")));
        var entry = Assert.Single(index.RootElement.GetProperty("manifests").EnumerateArray());
        Assert.Equal(Layout.IndexDigest, entry.GetProperty("digest").GetString());
        foreach (var digest in Layout.AllDigests())
        {
            var blob = Path.Combine(copy, "blobs", "sha256", Digests.Hex(digest));
            Assert.True(File.Exists(blob), $"{digest} is missing from the copied layout.");
            Assert.Equal(digest, Digests.Sha256OfFile(blob));
        }
    }

    [EndToEndFact]
    public async Task SkopeoDelete_OfIndexByDigest_ThenInspectFailsWithManifestUnknown()
    {
        await CopyLayoutIntoRegistryAsync();
        var byDigest = $"{Remote}@{Layout.IndexDigest}";
        await skopeo.Skopeo("inspect", "--tls-verify=false", "--creds", Creds, "--raw", byDigest);

        await skopeo.Skopeo("delete", "--tls-verify=false", "--creds", Creds, byDigest);

        var inspect = await skopeo.SkopeoUncheckedAsync(["inspect", "--tls-verify=false", "--creds", Creds, "--raw", byDigest], CancellationToken.None);
        Assert.False(inspect.Succeeded, $"skopeo inspect still found the deleted index.\n{inspect.Describe()}");
        Assert.Contains("manifest unknown", inspect.StandardError, StringComparison.OrdinalIgnoreCase);

        using var http = Registry.CreateClient();
        var manifest = await new DistributionClient(http).GetManifestAsync(Repository, Layout.IndexDigest, CancellationToken.None);
        Assert.True(manifest.StatusCode == HttpStatusCode.NotFound, $"GET of the deleted index: {manifest}");
        using var error = manifest.Json();
        Assert.Contains(
            error.RootElement.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("code").GetString() == "MANIFEST_UNKNOWN");
    }

    [EndToEndFact]
    public async Task SkopeoCopyAll_AfterRegistryKilledAndRestarted_ServesSameIndexTagAndBlobs()
    {
        await CopyLayoutIntoRegistryAsync();

        await Registry.RestartAfterKillAsync(CancellationToken.None);

        var raw = await skopeo.Skopeo("inspect", "--tls-verify=false", "--creds", Creds, "--raw", $"{Remote}:{Tag}");
        Assert.Equal(Layout.IndexDigest, Digests.Sha256(Encoding.UTF8.GetBytes(raw.StandardOutput.TrimEnd('\n'))));
        using var http = Registry.CreateClient();
        Assert.Equal([Tag], await new DistributionClient(http).GetTagsAsync(Repository, CancellationToken.None));
        var copy = Work.Combine("after-restart");
        await skopeo.Skopeo("copy", "--all", "--src-tls-verify=false", "--src-creds", Creds, $"{Remote}:{Tag}", $"oci:{copy}:{Tag}");
        foreach (var digest in Layout.AllDigests())
        {
            Assert.Equal(digest, Digests.Sha256OfFile(Path.Combine(copy, "blobs", "sha256", Digests.Hex(digest))));
        }
    }

    [EndToEndFact]
    public async Task SkopeoListTags_OfIndexTaggedManyTimes_ListsEveryTagAcrossPages()
    {
        const int extraTags = 150;
        await CopyLayoutIntoRegistryAsync();
        using var http = Registry.CreateClient();
        var expected = new List<string> { Tag };
        for (var i = 0; i < extraTags; i++)
        {
            var tag = $"t{i:D3}";
            using var content = new ByteArrayContent(Layout.Index);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(OciLayoutBuilder.IndexMediaType);
            using var response = await http.PutAsync($"v2/{Repository}/manifests/{tag}", content);
            await BlobUploadClient.ExpectAsync(HttpStatusCode.Created, response, $"PUT manifest as tag {tag}", CancellationToken.None);
            expected.Add(tag);
        }

        expected.Sort(StringComparer.Ordinal);

        var listed = await skopeo.Skopeo("list-tags", "--tls-verify=false", "--creds", Creds, Remote);
        using (var json = JsonDocument.Parse(listed.StandardOutput))
        {
            var tags = json.RootElement.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, tags);
        }

        Assert.Equal(expected, await ReadAllTagPagesAsync(http, pageSize: 40));
    }

    /// <summary>Follows the Link rel="next" headers of tags/list?n= to the end.</summary>
    private static async Task<List<string>> ReadAllTagPagesAsync(HttpClient http, int pageSize)
    {
        var tags = new List<string>();
        var next = $"v2/{Repository}/tags/list?n={pageSize}";
        for (var page = 0; next is not null; page++)
        {
            Assert.True(page < 100, "tags/list keeps returning a next page.");
            using var response = await http.GetAsync(next);
            await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, response, $"GET {next}", CancellationToken.None);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var pageTags = json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.InRange(pageTags.Count, 1, pageSize);
            tags.AddRange(pageTags);
            next = response.Headers.TryGetValues("Link", out var links) ? NextLink(links.Single()) : null;
        }

        return tags;
    }

    private static string NextLink(string link)
    {
        Assert.Contains("rel=\"next\"", link, StringComparison.Ordinal);
        var start = link.IndexOf('<', StringComparison.Ordinal) + 1;
        var end = link.IndexOf('>', StringComparison.Ordinal);
        return link[start..end].TrimStart('/');
    }

    private async Task CopyLayoutIntoRegistryAsync() =>
        await skopeo.Skopeo("copy", "--all", "--dest-tls-verify=false", "--dest-creds", Creds, Layout.Reference, $"{Remote}:{Tag}");
}
