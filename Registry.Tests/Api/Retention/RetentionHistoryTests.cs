using System.Net;
using System.Text.Json;
using Registry.Core.Catalog;
using Registry.Core.Primitives;
using Registry.Tests.Api.Auth;
using Registry.Tests.Api.Tags;

namespace Registry.Tests.Api.Retention;

/// <summary>
/// A policy on a repository with a realistic history: 40 tags pushed over four and a half simulated months
/// (releases 1.0.0 to 3.4.2, a pre-release, latest, branch and sha tags, a protected tag, multi-platform indexes,
/// signatures, untagged leftovers) beside another repository that shares layers with it.
/// </summary>
public sealed class RetentionHistoryTests(RetentionRegistry registry) : IClassFixture<RetentionRegistry>
{
    private static readonly string[] Versions =
        ["1.0.0", "1.0.1", "1.1.0", "1.1.1", "1.2.0", "2.0.0", "2.0.1", "2.1.0", "2.1.1", "2.2.0", "3.0.0", "3.0.1", "3.1.0", "3.2.0", "3.3.0", "3.3.1", "3.4.0", "3.4.1", "3.4.2"];

    [Fact]
    public async Task DryRunMatchesTheRun_ExactlyTheExpectedTagsRemain_AndFreedBytesAreThoseOnlyDeletedManifestsUsed()
    {
        string ns = AuthRegistry.UniqueName("ret");
        string app = ns + "/app";
        string other = ns + "/base";
        var ledger = new ImageLedger(registry.Admin);
        byte[] baseLayer = Digests.RandomBytes(5000);
        byte[] firstAppLayer = Digests.RandomBytes(3000);
        var pushed = new Dictionary<string, PushedManifest>();

        async Task Week(Func<Task> pushes)
        {
            await pushes();
            registry.Clock.Advance(TimeSpan.FromDays(7));
        }

        async Task Image(string tag, params byte[][] layers)
        {
            pushed[tag] = await ledger.ImageAsync(app, tag, layers.Length > 0 ? layers : [baseLayer, Digests.RandomBytes(200 + pushed.Count)]);
            registry.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        async Task Release(int i) => await Image(Versions[i]);

        async Task ShaBuild(int n)
        {
            await Image($"sha-{n:D2}{Guid.NewGuid().ToString("N")[..5]}");
            await ledger.TagAsync(pushed.Last().Value, "branch-main");
            pushed["branch-main"] = pushed.Last().Value;
        }

        await TagApi.CreateRuleIdAsync(registry.Admin, ns, null, "stable", "protected-from-deletion");
        await ledger.ImageAsync(other, "1.0", baseLayer, firstAppLayer);
        PushedManifest oldSignature = null!, newSignature = null!, orphanOld = null!, orphanYoung = null!;
        PushedManifest amd64Old = null!, arm64 = null!, amd64New = null!;

        await Week(async () =>   // week 0
        {
            await Image("stable");
            await Image("1.0.0", baseLayer, firstAppLayer);
            oldSignature = await ledger.SignatureAsync(pushed["1.0.0"]);
        });
        await Week(async () =>
        {
            await Release(1);
            orphanOld = await ledger.ImageAsync(app, null, Digests.RandomBytes(700));
        });
        await Week(async () =>
        {
            await Release(2);
            amd64Old = await ledger.ImageAsync(app, null, baseLayer, Digests.RandomBytes(400));
            arm64 = await ledger.ImageAsync(app, null, Digests.RandomBytes(5001), Digests.RandomBytes(401));
            pushed["platform-2024"] = await ledger.IndexAsync(app, "platform-2024", (amd64Old, "amd64"), (arm64, "arm64"));
        });
        for (int week = 3; week <= 17; week++)
        {
            int w = week;   // one release a week, commit builds from week 7 on
            await Week(async () =>
            {
                await Release(w);
                if (w >= 7)
                {
                    await ShaBuild(w - 6);
                }

                switch (w)
                {
                    case 6: await Image("branch-feature-x"); break;
                    case 12: await Image("branch-hotfix"); break;
                    case 14: await Image("4.0.0-rc.1"); break;
                    case 17: await Image("nightly"); break;
                }
            });
        }

        await Release(18);
        await ShaBuild(12);
        await ledger.TagAsync(pushed["3.4.2"], "latest");
        pushed["latest"] = pushed["3.4.2"];
        newSignature = await ledger.SignatureAsync(pushed["3.4.2"]);
        amd64New = await ledger.ImageAsync(app, null, baseLayer, Digests.RandomBytes(402));
        pushed["platform-2025"] = await ledger.IndexAsync(app, "platform-2025", (amd64New, "amd64"), (arm64, "arm64"));
        orphanYoung = await ledger.ImageAsync(app, null, Digests.RandomBytes(703));
        registry.Clock.Advance(TimeSpan.FromDays(1));
        await registry.Service<ICatalogStore>().RecordPullsAsync(
            [new PullCount(RepositoryName.Parse(app), Digest.Parse(pushed["branch-feature-x"].Digest), 3, registry.Clock.GetUtcNow().AddHours(-1))], CancellationToken.None);

        List<string> before = await RetentionApi.TagsAsync(registry.Admin, app);
        Assert.Equal(40, before.Count);

        string policy = AuthRegistry.UniqueName("keep");
        await RetentionApi.CreatePolicyAsync(registry.Admin, new
        {
            name = policy,
            repositories = new[] { app },
            rules = new object[]
            {
                new { kind = "highest-versions", count = 2, perMajor = true },
                new { kind = "matching", pattern = "latest|branch-main" },
                new { kind = "recent", pushedWithin = "14.00:00:00" },
                new { kind = "most-recently-pulled", count = 1 },
            },
            untaggedOlderThan = "30.00:00:00",
        });

        JsonElement dryRun = await RetentionApi.RunAsync(registry.Admin, policy, dryRun: true);
        Assert.Equal(before, await RetentionApi.TagsAsync(registry.Admin, app));
        JsonElement run = await RetentionApi.RunAsync(registry.Admin, policy, dryRun: false);

        // The dry run named exactly what the run then deleted, and the same freed blobs.
        Assert.True(dryRun.GetProperty("dryRun").GetBoolean());
        Assert.False(run.GetProperty("dryRun").GetBoolean());
        Assert.Equal(RetentionApi.Items(dryRun, "tags", "tag"), RetentionApi.Items(run, "tags", "tag"));
        Assert.Equal(RetentionApi.Items(dryRun, "manifests", "digest"), RetentionApi.Items(run, "manifests", "digest"));
        Assert.Equal(dryRun.GetProperty("details").GetProperty("freedBlobs").ToString(), run.GetProperty("details").GetProperty("freedBlobs").ToString());
        Assert.Equal(dryRun.GetProperty("bytesFreed").GetInt64(), run.GetProperty("bytesFreed").GetInt64());
        Assert.Equal((0, 0), (run.GetProperty("skipped").GetInt32(), run.GetProperty("errors").GetInt32()));

        string[] expectedTags =
        [
            "1.1.1", "1.2.0", "2.1.1", "2.2.0", "3.4.1", "3.4.2", "branch-feature-x", "branch-main", "latest", "nightly", "platform-2025", "stable",
            pushed.Keys.Single(k => k.StartsWith("sha-11", StringComparison.Ordinal)), pushed.Keys.Single(k => k.StartsWith("sha-12", StringComparison.Ordinal)),
        ];
        Assert.Equal(expectedTags.Order(StringComparer.Ordinal), await RetentionApi.TagsAsync(registry.Admin, app));
        Assert.Equal(before.Except(expectedTags).Order(StringComparer.Ordinal), RetentionApi.Items(run, "tags", "tag").Select(t => t.Split(' ')[1]).Order(StringComparer.Ordinal));

        // Manifests: those of deleted tags (unless a kept tag shares them), the old index's own child, the signature of
        // a deleted image, and the untagged leftover past 30 days; not the child both indexes list, nor the young leftover.
        var keptDigests = expectedTags.Select(t => pushed[t].Digest).ToHashSet();
        var expectedManifests = pushed.Where(p => !keptDigests.Contains(p.Value.Digest)).Select(p => p.Value.Digest)
            .Concat([amd64Old.Digest, oldSignature.Digest, orphanOld.Digest])
            .ToHashSet();
        Assert.Equal(expectedManifests.Order(StringComparer.Ordinal), RetentionApi.Items(run, "manifests", "digest").Select(m => m.Split(' ')[1]).Order(StringComparer.Ordinal));
        Assert.Equal(expectedManifests.Count, run.GetProperty("manifestsDeleted").GetInt32());
        foreach (PushedManifest kept in new[] { newSignature, arm64, amd64New, orphanYoung })
        {
            using HttpResponseMessage stillThere = await registry.Admin.GetAsync($"/v2/{app}/manifests/{kept.Digest}");
            Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        }

        foreach (string gone in expectedManifests)
        {
            using HttpResponseMessage deleted = await registry.Admin.GetAsync($"/v2/{app}/manifests/{gone}");
            Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        }

        // Bytes: those of blobs only the deleted manifests used (the shared base layer and the layer the other
        // repository also uses are not), worked out here from what the test pushed.
        long expectedBytes = ledger.BytesFreedBy(expectedManifests.Select(d => (app, d)).ToHashSet());
        Assert.Equal(expectedBytes, run.GetProperty("bytesFreed").GetInt64());
        Assert.True(expectedBytes > 0);

        // The run is recorded as answered, and tag history names the policy.
        JsonElement recorded = await RetentionApi.GetAsync(registry.Admin, $"/api/v1/retention/runs/{run.GetProperty("id").GetInt64()}");
        Assert.Equal(run.ToString(), recorded.ToString());
        List<(string Kind, string? Old, string? New, string? Actor)> history = await TagApi.EntriesAsync(registry.Admin, app, "1.0.0");
        Assert.Equal(("deleted", pushed["1.0.0"].Digest, (string?)null, "retention:" + policy), history[0]);
        Assert.Single(await RetentionApi.TagsAsync(registry.Admin, other));

        // The run's summary is audited once, naming the admin who asked.
        long runId = run.GetProperty("id").GetInt64();
        JsonElement audited = Assert.Single(await registry.AuditAsync($"action=retention.run&target={policy}"));
        Assert.Equal(("admin", true), (audited.GetProperty("actor").GetString(), audited.GetProperty("success").GetBoolean()));
        Assert.StartsWith($"run {runId}: {run.GetProperty("tagsDeleted").GetInt32()} tags, {expectedManifests.Count} manifests, {expectedBytes} bytes", audited.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A second run right after finds nothing more to do.
        JsonElement again = await RetentionApi.RunAsync(registry.Admin, policy, dryRun: false);
        Assert.Equal((0, 0, 0L), (again.GetProperty("tagsDeleted").GetInt32(), again.GetProperty("manifestsDeleted").GetInt32(), again.GetProperty("bytesFreed").GetInt64()));
    }
}
