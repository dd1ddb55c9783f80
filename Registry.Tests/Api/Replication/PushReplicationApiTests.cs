using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Replication;

/// <summary>
/// <c>POST /api/v1/replication/rules/{name}/run</c> between two registries of ours: tags, a multi-platform index and
/// a referrer arrive byte for byte under the mapped names; a blob the run placed in one destination repository is
/// mounted into the next; a large blob goes up in chunks; a second run sends nothing; a destination tag pointing
/// elsewhere is left unless the rule overwrites; runs are listed and audited.
/// </summary>
public sealed class PushReplicationApiTests : IDisposable
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

    private async Task<(byte[] Content, string? MediaType)> PullManifestAsync(string repository, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/manifests/{reference}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciManifest));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciIndex));
        using HttpResponseMessage response = await Destination.SendAsync(request);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadAsByteArrayAsync(), response.ContentType());
    }

    private async Task AssertManifestAsync(byte[] expected, string mediaType, string repository, string reference)
    {
        (byte[] content, string? type) = await PullManifestAsync(repository, reference);
        Assert.Equal(expected, content);
        Assert.Equal(mediaType, type);
    }

    private static string Outcome(JsonElement run, string repository, string tag)
        => run.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("repository").GetString() == repository && i.GetProperty("tag").GetString() == tag)
            .GetProperty("outcome").GetString()!;

    [Fact]
    public async Task Run_CopiesTagsIndexesAndReferrersExactly_MountsAndChunks_ThenSkipsWhatIsThere_AndLeavesConflictsUnlessOverwrite()
    {
        string ns = AuthRegistry.UniqueName("team");
        string app = $"{ns}/app";
        string tools = $"{ns}/tools/cli";
        byte[] shared = Digests.RandomBytes(200_000);
        byte[] config = Manifests.Config();
        foreach (string repository in new[] { app, tools })
        {
            await Source.PushBlobAsync(repository, shared);
            await Source.PushBlobAsync(repository, config);
        }

        byte[] imageBytes = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, shared)]);
        PushedManifest image = await Source.PushManifestAsync(app, imageBytes, MediaTypes.OciManifest, "1.0");
        await Source.PushManifestAsync(tools, imageBytes, MediaTypes.OciManifest, "1.0");
        PushedManifest amd64 = await Source.PushImageAsync(app);
        PushedManifest arm64 = await Source.PushImageAsync(app);
        byte[] indexBytes = Manifests.OciIndex([amd64.Descriptor with { Platform = ("linux", "amd64") }, arm64.Descriptor with { Platform = ("linux", "arm64") }]);
        PushedManifest index = await Source.PushManifestAsync(app, indexBytes, MediaTypes.OciIndex, "2.0");
        PushedManifest signature = await Source.PushArtifactAsync(app, "application/vnd.example.signature", subject: image.Descriptor);
        await Source.PushImageAsync(app, "nightly");

        using HttpResponseMessage created = await Source.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "dr",
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { $"{ns}/**" }, tags = new[] { "*.*" } },
            mapping = new { mode = "prefix", from = ns, to = "dr" },
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);

        JsonElement first = await RunAsync("dr");
        Assert.True(first.GetProperty("status").GetString() == "succeeded", first.GetRawText());
        Assert.Equal(3, first.GetProperty("copied").GetInt32());
        Assert.Equal(0, first.GetProperty("failed").GetInt32());
        Assert.Equal(2, first.GetProperty("blobsMounted").GetInt32()); // the shared layer and config, into the second repository
        Assert.True(first.GetProperty("requests").GetInt32() > 0);
        Assert.DoesNotContain(first.GetProperty("items").EnumerateArray(), i => i.GetProperty("tag").GetString() == "nightly");

        await AssertManifestAsync(image.Content, MediaTypes.OciManifest, "dr/app", "1.0");
        await AssertManifestAsync(image.Content, MediaTypes.OciManifest, "dr/tools/cli", "1.0");
        await AssertManifestAsync(index.Content, MediaTypes.OciIndex, "dr/app", "2.0");
        Assert.Equal(amd64.Content, (await PullManifestAsync("dr/app", amd64.Digest)).Content);
        Assert.Equal(signature.Content, (await PullManifestAsync("dr/app", signature.Digest)).Content);
        using (HttpResponseMessage referrers = await Destination.GetAsync($"/v2/dr/app/referrers/{image.Digest}"))
        {
            JsonElement list = await JsonAsync(referrers);
            Assert.Contains(list.GetProperty("manifests").EnumerateArray(), m => m.GetProperty("digest").GetString() == signature.Digest);
        }

        using (HttpResponseMessage blob = await Destination.GetAsync($"/v2/dr/tools/cli/blobs/{Digests.Sha256(shared)}"))
        {
            await OciAssert.SuccessAsync(blob, HttpStatusCode.OK);
            Assert.Equal(shared, await blob.Content.ReadAsByteArrayAsync());
        }

        JsonElement second = await RunAsync("dr");
        Assert.Equal((0, 3, 0, 0L), (second.GetProperty("copied").GetInt32(), second.GetProperty("skipped").GetInt32(), second.GetProperty("blobsSent").GetInt32(), second.GetProperty("bytes").GetInt64()));
        Assert.Equal("Skipped", Outcome(second, app, "1.0"));

        PushedManifest other = await Destination.PushImageAsync("dr/app", "1.0");
        JsonElement kept = await RunAsync("dr");
        Assert.Equal("Skipped", Outcome(kept, app, "1.0"));
        Assert.Contains("does not overwrite", kept.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(other.Content, (await PullManifestAsync("dr/app", "1.0")).Content);

        (await Source.PatchAsJsonAsync("/api/v1/replication/rules/dr", new { overwrite = true })).Dispose();
        JsonElement overwritten = await RunAsync("dr");
        Assert.Equal("Copied", Outcome(overwritten, app, "1.0"));
        Assert.Equal(image.Content, (await PullManifestAsync("dr/app", "1.0")).Content);

        using HttpResponseMessage runs = await Source.GetAsync("/api/v1/replication/rules/dr/runs");
        JsonElement listed = await JsonAsync(runs);
        Assert.Equal(4, listed.GetArrayLength());
        Assert.Equal(overwritten.GetProperty("id").GetInt64(), listed[0].GetProperty("id").GetInt64());
        List<JsonElement> audit = await _peers.Source.AuditAsync("action=replication.run");
        Assert.Equal(4, audit.Count(e => e.GetProperty("target").GetString() == "dr"));
    }

    [Fact]
    public async Task Run_WithTheDestinationRefusingCredentials_FailsEachTag_WithTheReason()
    {
        string ns = AuthRegistry.UniqueName("team");
        await Source.PushImageAsync($"{ns}/app", "1.0");
        using HttpResponseMessage created = await Source.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "wrong-password",
            registry = new { url = "http://localhost", username = "admin", password = "not-the-password" },
            filter = new { repositories = new[] { $"{ns}/**" } },
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);

        JsonElement run = await RunAsync("wrong-password");

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("401", run.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnPushRule_CarriesAPushedTagItSelects_WithinSeconds_AndNotOthers()
    {
        string ns = AuthRegistry.UniqueName("team");
        using HttpResponseMessage created = await Source.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "on-push",
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { $"{ns}/*" }, tags = new[] { "v*" } },
            mapping = new { mode = "prefix", from = ns, to = "mirror-" + ns },
            triggers = new { onPush = true },
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);

        PushedManifest pushed = await Source.PushImageAsync($"{ns}/app", "v1");
        await Source.PushImageAsync($"{ns}/app", "latest");

        JsonElement run = default;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(20);)
        {
            using HttpResponseMessage runs = await Source.GetAsync("/api/v1/replication/rules/on-push/runs");
            JsonElement listed = await JsonAsync(runs);
            if (listed.GetArrayLength() > 0)
            {
                run = listed[0];
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(JsonValueKind.Object, run.ValueKind);
        Assert.Equal(("push", "replication:on-push", "succeeded"), (run.GetProperty("trigger").GetString(), run.GetProperty("actor").GetString(), run.GetProperty("status").GetString()));
        Assert.Equal(["v1"], run.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("tag").GetString()));
        await AssertManifestAsync(pushed.Content, MediaTypes.OciManifest, $"mirror-{ns}/app", "v1");
    }

    [Fact]
    public async Task Run_WithoutWaiting_Answers202AtOnce_AndTheRunIsListedWhenItEnds()
    {
        string ns = AuthRegistry.UniqueName("team");
        PushedManifest pushed = await Source.PushImageAsync($"{ns}/app", "1.0");
        using HttpResponseMessage created = await Source.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "in-background",
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { $"{ns}/*" } },
            mapping = new { mode = "prefix", from = ns, to = "bg-" + ns },
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);

        using HttpResponseMessage started = await Source.PostAsync("/api/v1/replication/rules/in-background/run?wait=false", null);
        JsonElement answer = await JsonAsync(started, HttpStatusCode.Accepted);

        Assert.Equal("/api/v1/replication/rules/in-background/runs", started.Headers.Location?.OriginalString);
        Assert.Equal("running", answer.GetProperty("status").GetString());
        JsonElement run = default;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(20);)
        {
            using HttpResponseMessage runs = await Source.GetAsync("/api/v1/replication/rules/in-background/runs");
            JsonElement listed = await JsonAsync(runs);
            if (listed.GetArrayLength() > 0)
            {
                run = listed[0];
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(JsonValueKind.Object, run.ValueKind);
        Assert.Equal(("manual", "admin", "succeeded", 1), (run.GetProperty("trigger").GetString(), run.GetProperty("actor").GetString(), run.GetProperty("status").GetString(), run.GetProperty("copied").GetInt32()));
        await AssertManifestAsync(pushed.Content, MediaTypes.OciManifest, $"bg-{ns}/app", "1.0");
    }

    [Fact]
    public async Task Run_OfADisabledRule_Is409_WaitingOrNot()
    {
        using HttpResponseMessage created = await Source.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "switched-off",
            registry = new { url = "http://localhost" },
            enabled = false,
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);

        foreach (string query in new[] { "", "?wait=false" })
        {
            using HttpResponseMessage refused = await Source.PostAsync("/api/v1/replication/rules/switched-off/run" + query, null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("is disabled", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
