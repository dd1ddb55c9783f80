using System.Formats.Tar;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Artifacts;

namespace Registry.Tests.Api.Transfer;

/// <summary>
/// <c>POST /api/v1/exports</c> and <c>POST /api/v1/imports</c> between two registries of their own: a selection
/// travels with its children and referrers and arrives byte for byte; a layout with one wrong byte is refused with
/// nothing imported.
/// </summary>
public sealed class TransferApiTests : IDisposable
{
    private readonly RegistryApiFactory _source = new();
    private readonly RegistryApiFactory _target = new();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    private static async Task<byte[]> ExportAsync(HttpClient client, object filter)
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/exports", filter);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"export answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/x-tar", response.ContentType());
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] tar, string? repository = null)
    {
        using var content = new ByteArrayContent(tar);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        return await client.PostAsync("/api/v1/imports" + (repository is null ? string.Empty : $"?repository={repository}"), content);
    }

    private static Dictionary<string, byte[]> Entries(byte[] tar)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                entries[entry.Name] = copy.ToArray();
            }
        }

        return entries;
    }

    private static byte[] Tar(Dictionary<string, byte[]> entries)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach ((string name, byte[] data) in entries)
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            }
        }

        return output.ToArray();
    }

    private static async Task<List<string>> TagsAsync(HttpClient client, string repository)
    {
        using HttpResponseMessage response = await client.GetAsync($"/v2/{repository}/tags/list");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal)];
    }

    private static async Task<byte[]> ManifestAsync(HttpClient client, string repository, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/manifests/{reference}");
        request.Headers.Accept.ParseAdd(MediaTypes.OciManifest);
        request.Headers.Accept.ParseAdd(MediaTypes.OciIndex);
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {repository}:{reference} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task ExportThenImport_CarriesSelectedTagsIndexChildrenAndReferrers_ByteForByte()
    {
        using HttpClient source = _source.CreateRegistryClient();
        PushedManifest v17 = await source.PushImageAsync("team/app", "17.0.1");
        PushedManifest v18 = await source.PushImageAsync("team/app", "18.0.0");
        PushedManifest signature = await source.PushArtifactAsync("team/app", "application/vnd.example.signature", subject: v17.Descriptor);
        PushedManifest amd64 = await source.PushImageAsync("team/multi");
        PushedManifest arm64 = await source.PushImageAsync("team/multi");
        PushedManifest index = await source.PushManifestAsync(
            "team/multi", Manifests.OciIndex([amd64.Descriptor with { Platform = ("linux", "amd64") }, arm64.Descriptor with { Platform = ("linux", "arm64") }]),
            MediaTypes.OciIndex, "17.2.0");
        await source.PushImageAsync("other/app", "17.0.0");

        byte[] tar = await ExportAsync(source, new { repositories = new[] { "team/*" }, versions = ">=17.0.0 <18" });

        Dictionary<string, byte[]> entries = Entries(tar);
        Assert.Contains("oci-layout", entries.Keys);
        using (JsonDocument indexJson = JsonDocument.Parse(entries["index.json"]))
        {
            List<string?> names = [.. indexJson.RootElement.GetProperty("manifests").EnumerateArray()
                .Select(m => m.TryGetProperty("annotations", out JsonElement a) ? a.GetProperty("org.opencontainers.image.ref.name").GetString() : null)];
            Assert.Equal(["team/app:17.0.1", null, "team/multi:17.2.0"], names);   // the signature has no name of its own
        }

        using (JsonDocument listing = JsonDocument.Parse(entries["registry-export.json"]))
        {
            foreach (JsonElement blob in listing.RootElement.GetProperty("blobs").EnumerateArray())
            {
                string digest = blob.GetProperty("digest").GetString()!;
                byte[] bytes = entries[$"blobs/sha256/{digest[7..]}"];
                Assert.Equal(digest, Digests.Sha256(bytes));
                Assert.Equal(blob.GetProperty("size").GetInt64(), bytes.Length);
            }
        }

        using HttpClient target = _target.CreateRegistryClient();
        using HttpResponseMessage imported = await ImportAsync(target, tar);
        string body = await imported.Content.ReadAsStringAsync();
        Assert.True(imported.StatusCode == HttpStatusCode.OK, body);
        using (JsonDocument result = JsonDocument.Parse(body))
        {
            Assert.True(result.RootElement.GetProperty("succeeded").GetBoolean(), body);
            Assert.Equal(2, result.RootElement.GetProperty("tags").GetInt32());
        }

        Assert.Equal(["17.0.1"], await TagsAsync(target, "team/app"));
        Assert.Equal(["17.2.0"], await TagsAsync(target, "team/multi"));
        Assert.Empty(await TagsAsync(target, "other/app"));
        Assert.Equal(v17.Content, await ManifestAsync(target, "team/app", "17.0.1"));
        Assert.Equal(signature.Content, await ManifestAsync(target, "team/app", signature.Digest));
        Assert.Equal(index.Content, await ManifestAsync(target, "team/multi", "17.2.0"));
        Assert.Equal(arm64.Content, await ManifestAsync(target, "team/multi", arm64.Digest));
        using (HttpResponseMessage referrers = await target.GetAsync($"/v2/team/app/referrers/{v17.Digest}"))
        {
            Assert.Contains(signature.Digest, await referrers.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using HttpResponseMessage missing = await target.GetAsync($"/v2/team/app/manifests/{v18.Digest}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // One audit entry for the export; the import's changes are the importing user's, one by one as pushes are.
        using (JsonDocument audit = JsonDocument.Parse(await source.GetStringAsync("/api/v1/audit?action=registry.export")))
        {
            JsonElement entry = Assert.Single(audit.RootElement.GetProperty("entries").EnumerateArray());
            Assert.Equal("admin", entry.GetProperty("actor").GetString());
            Assert.Contains("2 repositories, 2 tags, 5 manifests", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (JsonDocument audit = JsonDocument.Parse(await target.GetStringAsync("/api/v1/audit?action=tag.create")))
        {
            Assert.Equal(
                ["team/app:17.0.1", "team/multi:17.2.0"],
                audit.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("target").GetString()).Order(StringComparer.Ordinal));
            Assert.All(audit.RootElement.GetProperty("entries").EnumerateArray(), e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
        }

        // Importing the same layout again changes nothing and succeeds.
        using HttpResponseMessage again = await ImportAsync(target, tar);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Import_WithOneBlobByteChanged_IsRefusedListingTheBlob_AndImportsNothing()
    {
        using HttpClient source = _source.CreateRegistryClient();
        await source.PushImageAsync("team/first", "v1");
        PushedManifest second = await source.PushImageAsync("team/second", "v1");
        Dictionary<string, byte[]> entries = Entries(await ExportAsync(source, new { }));
        using JsonDocument manifest = JsonDocument.Parse(second.Content);
        string layer = manifest.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!;
        string path = $"blobs/sha256/{layer[7..]}";
        entries[path][10] ^= 0xFF;

        using HttpClient target = _target.CreateRegistryClient();
        using HttpResponseMessage response = await ImportAsync(target, Tar(entries));

        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains(path, body, StringComparison.Ordinal);
        using JsonDocument problem = JsonDocument.Parse(body);
        Assert.Equal("invalid_request", problem.RootElement.GetProperty("code").GetString());
        Assert.Empty(await TagsAsync(target, "team/first"));
        Assert.Empty(await TagsAsync(target, "team/second"));
        Assert.Equal(0, _target.CountBlobFiles());
    }

    [Fact]
    public async Task Import_OfLayoutNamedByTagOnly_GoesToTheGivenRepository()
    {
        using HttpClient source = _source.CreateRegistryClient();
        PushedManifest image = await source.PushImageAsync("team/app", "v1");
        Dictionary<string, byte[]> entries = Entries(await ExportAsync(source, new { }));
        entries.Remove("registry-export.json");
        entries["index.json"] = System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"{{{MediaTypes.OciManifest}}}","digest":"{{{image.Digest}}}","size":{{{image.Content.Length}}},"annotations":{"org.opencontainers.image.ref.name":"v1"}}]}""");
        using HttpClient target = _target.CreateRegistryClient();

        using HttpResponseMessage unnamed = await ImportAsync(target, Tar(entries));
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Contains("--repository", await unnamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage named = await ImportAsync(target, Tar(entries), "mirror/app");
        Assert.True(named.StatusCode == HttpStatusCode.OK, await named.Content.ReadAsStringAsync());
        Assert.Equal(image.Content, await ManifestAsync(target, "mirror/app", "v1"));
    }

    [Fact]
    public async Task ExportThenImport_CarriesArtifactFilesMatchingKeyAndPath_WithTheirChecksums()
    {
        using HttpClient source = _source.CreateRegistryClient();
        using HttpClient target = _target.CreateRegistryClient();
        string key = await source.CreateArtifactRepositoryAsync();
        using (HttpResponseMessage created = await target.PostAsJsonAsync("/api/v1/artifact-repositories", new { key, type = "generic" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        byte[] tool = Digests.RandomBytes(3000);
        byte[] notes = Digests.RandomBytes(100);
        await source.DeployOkAsync($"/artifactory/{key}/tools/1.0/tool.bin", tool);
        await source.DeployOkAsync($"/artifactory/{key}/docs/notes.txt", notes);

        byte[] tar = await ExportAsync(source, new { repositories = new[] { "none/*" }, artifactRepositories = new[] { key }, artifactPaths = new[] { "tools/**" } });

        using (JsonDocument listing = JsonDocument.Parse(Entries(tar)["registry-export.json"]))
        {
            JsonElement file = Assert.Single(listing.RootElement.GetProperty("files").EnumerateArray());
            Assert.Equal("tools/1.0/tool.bin", file.GetProperty("path").GetString());
            Assert.Equal(ArtifactRequests.Sha1(tool), file.GetProperty("sha1").GetString());
        }

        using HttpResponseMessage imported = await ImportAsync(target, tar);
        string body = await imported.Content.ReadAsStringAsync();
        Assert.True(imported.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(1, JsonDocument.Parse(body).RootElement.GetProperty("files").GetInt32());
        using (HttpResponseMessage fetched = await target.GetAsync($"/artifactory/{key}/tools/1.0/tool.bin"))
        {
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
            Assert.Equal(tool, await fetched.Content.ReadAsByteArrayAsync());
        }

        using HttpResponseMessage left = await target.GetAsync($"/artifactory/{key}/docs/notes.txt");
        Assert.Equal(HttpStatusCode.NotFound, left.StatusCode);
    }

    [Fact]
    public async Task Import_OfFileWhoseListedSha1IsWrong_IsRefused()
    {
        using HttpClient source = _source.CreateRegistryClient();
        string key = await source.CreateArtifactRepositoryAsync();
        await source.DeployOkAsync($"/artifactory/{key}/a.bin", Digests.RandomBytes(50));
        Dictionary<string, byte[]> entries = Entries(await ExportAsync(source, new { artifactRepositories = new[] { key } }));
        string listing = System.Text.Encoding.UTF8.GetString(entries["registry-export.json"]);
        string sha1 = JsonDocument.Parse(listing).RootElement.GetProperty("files")[0].GetProperty("sha1").GetString()!;
        entries["registry-export.json"] = System.Text.Encoding.UTF8.GetBytes(listing.Replace(sha1, new string('0', 40), StringComparison.Ordinal));

        using HttpClient target = _target.CreateRegistryClient();
        using HttpResponseMessage response = await ImportAsync(target, Tar(entries));

        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains($"{key}/a.bin", body, StringComparison.Ordinal);
        Assert.Equal(0, _target.CountBlobFiles());
    }

    [Fact]
    public async Task Import_ReportsATagAProtectionRuleHoldsElsewhere_AndImportsTheRest()
    {
        using HttpClient source = _source.CreateRegistryClient();
        using HttpClient target = _target.CreateRegistryClient();
        PushedManifest release = await source.PushImageAsync("team/app", "1.0.0");
        PushedManifest latest = await source.PushImageAsync("team/app", "latest");
        PushedManifest held = await target.PushImageAsync("team/app", "1.0.0");
        await Tags.TagApi.CreateRuleIdAsync(target, null, "team/app", @"\d+\.\d+\.\d+", "immutable");

        using HttpResponseMessage response = await ImportAsync(target, await ExportAsync(source, new { }));

        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using JsonDocument result = JsonDocument.Parse(body);
        Assert.False(result.RootElement.GetProperty("succeeded").GetBoolean());
        string problem = Assert.Single(result.RootElement.GetProperty("problems").EnumerateArray()).GetString()!;
        Assert.StartsWith("team/app:1.0.0: refused", problem, StringComparison.Ordinal);
        Assert.Equal(held.Content, await ManifestAsync(target, "team/app", "1.0.0"));
        Assert.Equal(latest.Content, await ManifestAsync(target, "team/app", "latest"));
        Assert.Equal(release.Content, await ManifestAsync(target, "team/app", release.Digest));   // the manifest came, the tag stayed
    }

    [Fact]
    public async Task Import_OfABodyThatIsNotALayoutTar_Answers400()
    {
        using HttpClient target = _target.CreateRegistryClient();
        using HttpResponseMessage response = await ImportAsync(target, Digests.RandomBytes(2000));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Export_WithBadFilter_Answers400()
    {
        using HttpClient client = _source.CreateRegistryClient();
        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/exports", new { versions = "~1.2" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("~1.2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAndImport_AreForGlobalAdminsOnly()
    {
        using HttpClient anonymous = _source.CreateAnonymousClient();
        using HttpResponseMessage export = await anonymous.PostAsJsonAsync("/api/v1/exports", new { });
        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);
        using HttpResponseMessage import = await ImportAsync(anonymous, []);
        Assert.Equal(HttpStatusCode.Unauthorized, import.StatusCode);
    }
}
