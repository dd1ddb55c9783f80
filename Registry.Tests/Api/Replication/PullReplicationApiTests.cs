using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;
using Registry.Tests.Api.Tags;

namespace Registry.Tests.Api.Replication;

/// <summary>
/// Pull rules between two registries of ours: the puller is <see cref="ReplicationPeers.Source"/> (its upstream client
/// reaches the other), the content lives in <see cref="ReplicationPeers.Destination"/>. Repository glob, semver range
/// and tag regex select; tags, a multi-platform index and a referrer arrive byte for byte under the mapped names as
/// the rule's actor; a blob already here is linked, not fetched; a second run fetches nothing; a local tag pointing
/// elsewhere is left unless the rule overwrites, and a protected one is reported.
/// </summary>
public sealed class PullReplicationApiTests : IDisposable
{
    private readonly ReplicationPeers _peers = new();

    public void Dispose() => _peers.Dispose();

    private HttpClient Puller => _peers.Source.Admin;

    private HttpClient Origin => _peers.Destination.Admin;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        await OciAssert.SuccessAsync(response, status);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private async Task<JsonElement> RunAsync(string rule)
    {
        using HttpResponseMessage response = await Puller.PostAsync($"/api/v1/replication/rules/{rule}/run", null);
        return await JsonAsync(response);
    }

    private async Task<byte[]> PulledAsync(string repository, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/manifests/{reference}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciManifest));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciIndex));
        using HttpResponseMessage response = await Puller.SendAsync(request);
        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static JsonElement Item(JsonElement run, string repository, string tag)
        => run.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("repository").GetString() == repository && i.GetProperty("tag").GetString() == tag);

    private static (int Copied, int Skipped, int Failed, int BlobsSent, long Bytes) Counts(JsonElement run)
        => (run.GetProperty("copied").GetInt32(), run.GetProperty("skipped").GetInt32(), run.GetProperty("failed").GetInt32(),
            run.GetProperty("blobsSent").GetInt32(), run.GetProperty("bytes").GetInt64());

    [Fact]
    public async Task PullRule_SelectsByGlobSemverAndRegex_CopiesIndexesAndReferrersExactly_ThenFetchesNothing_AndRespectsLocalTags()
    {
        string ns = AuthRegistry.UniqueName("team");
        string app = $"{ns}/app";
        string lib = $"{ns}/lib";
        byte[] shared = Digests.RandomBytes(200_000);
        byte[] config = Manifests.Config();
        foreach (string repository in new[] { app, lib })
        {
            await Origin.PushBlobAsync(repository, shared);
            await Origin.PushBlobAsync(repository, config);
        }

        byte[] imageBytes = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, shared)]);
        PushedManifest image = await Origin.PushManifestAsync(app, imageBytes, MediaTypes.OciManifest, "1.0.0");
        await Origin.PushManifestAsync(lib, imageBytes, MediaTypes.OciManifest, "1.1.0");
        PushedManifest amd64 = await Origin.PushImageAsync(app);
        PushedManifest arm64 = await Origin.PushImageAsync(app);
        PushedManifest index = await Origin.PushManifestAsync(app,
            Manifests.OciIndex([amd64.Descriptor with { Platform = ("linux", "amd64") }, arm64.Descriptor with { Platform = ("linux", "arm64") }]),
            MediaTypes.OciIndex, "1.2.0");
        PushedManifest signature = await Origin.PushArtifactAsync(app, "application/vnd.example.signature", subject: image.Descriptor);
        PushedManifest sbom = await Origin.PushArtifactAsync(app, "application/vnd.example.sbom", subject: amd64.Descriptor);
        await Origin.PushImageAsync(app, "2.0.0");          // outside the range
        await Origin.PushImageAsync(app, "1.0.1");          // outside the regex
        await Origin.PushImageAsync(app, "nightly");
        await Origin.PushImageAsync($"{ns}/deep/tool", "1.0.0"); // outside the glob (one segment)

        using HttpResponseMessage created = await Puller.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "mirror",
            direction = "pull",
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { $"{ns}/*" }, tags = new[] { @"regex:^1\.[0-9]+\.0$", "2.*" }, versions = ">=1.0.0 <2" },
            mapping = new { mode = "prefix", from = ns, to = "mirror" },
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);

        JsonElement first = await RunAsync("mirror");
        Assert.True(first.GetProperty("status").GetString() == "succeeded", first.GetRawText());
        Assert.Equal(3, first.GetProperty("copied").GetInt32());
        Assert.Equal(
            [$"{app}:1.0.0", $"{app}:1.2.0", $"{lib}:1.1.0"],
            first.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("repository").GetString()}:{i.GetProperty("tag").GetString()}"));
        Assert.Equal("mirror/app", Item(first, app, "1.0.0").GetProperty("destination").GetString());
        Assert.True(first.GetProperty("blobsMounted").GetInt32() >= 1, first.GetRawText()); // lib's layer: linked from app's bytes, not fetched again
        Assert.InRange(first.GetProperty("bytes").GetInt64(), shared.Length, (2 * shared.Length) - 1);
        Assert.True(first.GetProperty("requests").GetInt32() > 0);

        Assert.Equal(image.Content, await PulledAsync("mirror/app", "1.0.0"));
        Assert.Equal(imageBytes, await PulledAsync("mirror/lib", "1.1.0"));
        Assert.Equal(index.Content, await PulledAsync("mirror/app", "1.2.0"));
        Assert.Equal(amd64.Content, await PulledAsync("mirror/app", amd64.Digest));
        Assert.Equal(arm64.Content, await PulledAsync("mirror/app", arm64.Digest));
        Assert.Equal(signature.Content, await PulledAsync("mirror/app", signature.Digest));
        Assert.Equal(sbom.Content, await PulledAsync("mirror/app", sbom.Digest));
        using (HttpResponseMessage referrers = await Puller.GetAsync($"/v2/mirror/app/referrers/{image.Digest}"))
        {
            JsonElement list = await JsonAsync(referrers);
            Assert.Contains(list.GetProperty("manifests").EnumerateArray(), m => m.GetProperty("digest").GetString() == signature.Digest);
        }

        using (HttpResponseMessage blob = await Puller.GetAsync($"/v2/mirror/lib/blobs/{Digests.Sha256(shared)}"))
        {
            await OciAssert.SuccessAsync(blob, HttpStatusCode.OK);
            Assert.Equal(shared, await blob.Content.ReadAsByteArrayAsync());
        }

        using (HttpResponseMessage tags = await Puller.GetAsync("/v2/mirror/app/tags/list"))
        {
            Assert.Equal(["1.0.0", "1.2.0"], (await JsonAsync(tags)).GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order(StringComparer.Ordinal));
        }

        List<JsonElement> created1 = await _peers.Source.AuditAsync($"action=tag.create&target={Uri.EscapeDataString("mirror/app:1.0.0")}");
        Assert.Equal("replication:mirror", Assert.Single(created1).GetProperty("actor").GetString());

        JsonElement second = await RunAsync("mirror");
        Assert.Equal((0, 3, 0, 0, 0L), Counts(second));
        Assert.Equal("up to date", Item(second, app, "1.2.0").GetProperty("reason").GetString());

        // The origin moves app:1.0.0 and lib:1.1.0; here someone pointed mirror/app:1.0.0 elsewhere: left alone without overwrite.
        PushedManifest local = await Puller.PushImageAsync("mirror/app", "1.0.0");
        PushedManifest moved = await Origin.PushImageAsync(app, "1.0.0");
        PushedManifest movedLib = await Origin.PushImageAsync(lib, "1.1.0");
        JsonElement kept = await RunAsync("mirror");
        Assert.Equal("Skipped", Item(kept, app, "1.0.0").GetProperty("outcome").GetString());
        Assert.Contains("does not overwrite", Item(kept, app, "1.0.0").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(local.Content, await PulledAsync("mirror/app", "1.0.0"));
        Assert.Equal("Skipped", Item(kept, lib, "1.1.0").GetProperty("outcome").GetString());

        // With overwrite, the tags move, except one a protection rule here makes immutable: reported with the reason.
        using (HttpResponseMessage rule = await TagApi.CreateRuleAsync(Puller, null, "mirror/app", @"1\.0\.0", "immutable"))
        {
            await OciAssert.SuccessAsync(rule, HttpStatusCode.Created);
        }

        (await Puller.PatchAsJsonAsync("/api/v1/replication/rules/mirror", new { overwrite = true })).Dispose();
        JsonElement overwritten = await RunAsync("mirror");
        Assert.Equal(("Copied", "overwritten"), (Item(overwritten, lib, "1.1.0").GetProperty("outcome").GetString(), Item(overwritten, lib, "1.1.0").GetProperty("reason").GetString()));
        Assert.Equal(movedLib.Content, await PulledAsync("mirror/lib", "1.1.0"));
        Assert.Equal("Protected", Item(overwritten, app, "1.0.0").GetProperty("outcome").GetString());
        Assert.StartsWith("this registry protects the tag: ", Item(overwritten, app, "1.0.0").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("immutable", Item(overwritten, app, "1.0.0").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(local.Content, await PulledAsync("mirror/app", "1.0.0"));
        Assert.True(overwritten.GetProperty("status").GetString() == "succeeded", overwritten.GetRawText()); // reported, not a failure
        Assert.Equal((0, 1), (overwritten.GetProperty("failed").GetInt32(), overwritten.GetProperty("protected").GetInt32()));
        Assert.Equal(moved.Content, await PulledAsync("mirror/app", moved.Digest)); // the content came; only the tag was refused
    }

    [Fact]
    public async Task PullRule_PropagatingDeletes_DeletesHereTheSelectedTagsTheSourceLost_LeavesProtectedAndUnselectedTags()
    {
        string ns = AuthRegistry.UniqueName("team");
        string here = AuthRegistry.UniqueName("mirror");
        string app = $"{ns}/app";
        string mirror = $"{here}/app";
        foreach (string tag in new[] { "1.0", "2.0", "3.0" })
        {
            await Origin.PushImageAsync(app, tag);
        }

        using HttpResponseMessage created = await Puller.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "pull-deletes",
            direction = "pull",
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { $"{ns}/*" }, tags = new[] { "*.*" } },
            mapping = new { mode = "prefix", from = ns, to = here },
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
        Assert.Equal(3, (await RunAsync("pull-deletes")).GetProperty("copied").GetInt32());
        await TagApi.CreateRuleIdAsync(Puller, null, mirror, "3.0", "protected-from-deletion");
        PushedManifest nightly = await Puller.PushImageAsync(mirror, "nightly"); // outside the filter

        using (HttpResponseMessage gone = await Origin.DeleteAsync($"/v2/{app}/manifests/2.0"))
        {
            Assert.True(gone.IsSuccessStatusCode, gone.StatusCode.ToString());
        }

        using (HttpResponseMessage gone = await Origin.DeleteAsync($"/v2/{app}/manifests/3.0"))
        {
            Assert.True(gone.IsSuccessStatusCode, gone.StatusCode.ToString());
        }

        // Not asked: nothing is deleted here.
        JsonElement kept = await RunAsync("pull-deletes");
        Assert.Equal(0, kept.GetProperty("deleted").GetInt32());
        Assert.NotNull(await TagApi.TargetAsync(Puller, mirror, "2.0"));

        (await Puller.PatchAsJsonAsync("/api/v1/replication/rules/pull-deletes", new { propagateDeletes = true })).Dispose();
        JsonElement propagated = await RunAsync("pull-deletes");

        Assert.True(propagated.GetProperty("status").GetString() == "succeeded", propagated.GetRawText());
        Assert.Equal((1, 1, 0), (propagated.GetProperty("deleted").GetInt32(), propagated.GetProperty("protected").GetInt32(), propagated.GetProperty("failed").GetInt32()));
        Assert.Equal(("Deleted", "gone at the source", mirror), (Item(propagated, app, "2.0").GetProperty("outcome").GetString(),
            Item(propagated, app, "2.0").GetProperty("reason").GetString(), Item(propagated, app, "2.0").GetProperty("destination").GetString()));
        Assert.Equal("Protected", Item(propagated, app, "3.0").GetProperty("outcome").GetString());
        Assert.Contains("protected from deletion", Item(propagated, app, "3.0").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Null(await TagApi.TargetAsync(Puller, mirror, "2.0"));
        Assert.NotNull(await TagApi.TargetAsync(Puller, mirror, "1.0"));
        Assert.NotNull(await TagApi.TargetAsync(Puller, mirror, "3.0"));
        Assert.Equal(nightly.Digest, await TagApi.TargetAsync(Puller, mirror, "nightly"));
        List<JsonElement> audit = await _peers.Source.AuditAsync($"action=tag.delete&target={Uri.EscapeDataString($"{mirror}:2.0")}");
        Assert.Equal("replication:pull-deletes", Assert.Single(audit).GetProperty("actor").GetString());

        // The repository deleted at the source (gone from its catalog): the earlier runs still name it.
        using (HttpResponseMessage gone = await Origin.DeleteAsync($"/api/v1/repositories/{app}"))
        {
            Assert.True(gone.IsSuccessStatusCode, gone.StatusCode.ToString());
        }

        JsonElement emptied = await RunAsync("pull-deletes");
        Assert.Equal("Deleted", Item(emptied, app, "1.0").GetProperty("outcome").GetString());
        Assert.Null(await TagApi.TargetAsync(Puller, mirror, "1.0"));
        Assert.NotNull(await TagApi.TargetAsync(Puller, mirror, "3.0"));
        Assert.Equal(nightly.Digest, await TagApi.TargetAsync(Puller, mirror, "nightly"));
    }

    [Fact]
    public async Task PullRule_WithCredentialsTheSourceRefuses_FailsSayingSo()
    {
        string ns = AuthRegistry.UniqueName("team");
        await Origin.PushImageAsync($"{ns}/app", "1.0");
        using HttpResponseMessage created = await Puller.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "wrong-password",
            direction = "pull",
            registry = new { url = "http://localhost", username = "admin", password = "not-the-password" },
            filter = new { repositories = new[] { $"{ns}/app", $"{ns}/*" } },
        });
        await OciAssert.SuccessAsync(created, HttpStatusCode.Created);

        JsonElement run = await RunAsync("wrong-password");

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("tags/list answered 401", run.GetProperty("problem").GetString(), StringComparison.Ordinal);
        using HttpResponseMessage missing = await Puller.GetAsync($"/v2/{ns}/app/tags/list");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task PullRule_IncludeUntagged_IsRefusedWithItsField()
    {
        using HttpResponseMessage created = await Puller.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = "untagged",
            direction = "pull",
            registry = new { url = "http://localhost" },
            filter = new { includeUntagged = true },
        });
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("filter.includeUntagged", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
