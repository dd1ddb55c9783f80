using Microsoft.Extensions.Options;
using Registry.Core.Access;
using Registry.Core.Changes;
using Registry.Core.Content;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Retention;
using Registry.Core.Storage;
using Registry.Core.Tags;
using Registry.Core.Usage;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Core.Retention;

/// <summary>The runner against a real (SQLite) store: what it does when the registry changed between planning and deleting.</summary>
public sealed class RetentionRunnerTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly RepositoryName Repo = RepositoryName.Parse("team/app");
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-retention-runner-").FullName;
    private readonly ManualClock _clock = new(Start);
    private readonly SqliteMetadataStore _store;

    public RetentionRunnerTests()
        => _store = new SqliteMetadataStore(new SqliteConnectionFactory(Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "r.db")}" })), _clock);

    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private async Task ImageAsync(string tag, params (string Seed, long Size)[] layers)
    {
        foreach ((string layer, long size) in layers)
        {
            await _store.LinkBlobAsync(Repo, new BlobInfo(D(layer), size), None);
        }

        var manifest = new ManifestWrite(D(tag), MediaTypes.OciImageManifest, 100, null, null, null,
            [.. layers.Select(l => new ManifestDependency(D(l.Seed), l.Size, DependencyKind.Blob))]);
        Assert.Equal(PutManifestStatus.Stored, (await _store.PutManifestAsync(Repo, manifest, TagName.Parse(tag), None)).Status);
        _clock.Advance(TimeSpan.FromHours(1));
    }

    private async Task<RetentionPolicy> PolicyAsync()
        => (await _store.CreatePolicyAsync(new RetentionPolicy(0, "newest", null, true, [AccessScope.Create(ScopeKind.Namespace, "team")],
            [new KeepRuleSpec(KeepRules.MostRecentlyPushed, Count: 1)], null, null, "admin", Start, "admin", Start, null), None)).Policy!;

    [Fact]
    public async Task ATagProtectedAfterPlanning_IsSkipped_WithItsManifest_AndItsBlobsAreNotCountedAsFreed()
    {
        await _store.MigrateAsync(None);
        await ImageAsync("old", ("base", 1000), ("old-only", 10));
        await ImageAsync("guarded", ("base", 1000), ("guarded-only", 20));
        await ImageAsync("new", ("base", 1000), ("new-only", 30));
        await _store.CreateProtectionRuleAsync(new TagProtectionRule(0, AccessScope.Create(ScopeKind.Namespace, "team"), "guarded",
            TagProtectionKind.ProtectedFromDeletion, "admin", Start), None);
        RetentionPolicy policy = await PolicyAsync();
        var feed = new RecordingChangeFeed();
        var runner = new RetentionRunner(_store, new RulesHiddenFromPlanning(_store), _store,
            new TagService(_store, _store, feed, _clock), new ManifestService(_store, new QuotaService(_store, feed, _clock), feed, _clock), feed, _clock);

        var admin = new Actor(ActorKind.User, "admin");
        RetentionRun dryRun = await runner.DryRunAsync(policy, RetentionRun.Manual, admin, None);
        RetentionRun run = await runner.RunAsync(policy, RetentionRun.Manual, admin, None);

        Assert.Equal((2, 2, 100L + 10 + 100 + 20), (dryRun.TagsDeleted, dryRun.ManifestsDeleted, dryRun.BytesFreed));
        Assert.Equal(["old"], run.Details!.Tags.Select(t => t.Tag));
        Assert.Equal([D("old").Value], run.Details.Manifests.Select(m => m.Digest));
        Assert.Equal(110, run.BytesFreed);
        Assert.Equal(2, run.Skipped);
        Assert.Contains(run.Details.Skipped, s => s.Item == "guarded" && s.Reason.StartsWith("protected by rule", StringComparison.Ordinal));
        Assert.Contains(run.Details.Skipped, s => s.Item == D("guarded").Value && s.Reason == "tagged");
        Assert.Equal(["guarded", "new"], (await _store.ListTagsAsync(Repo, null, null, None)).Tags);
        Assert.Equal(0, run.Errors);

        // What was deleted is announced as any delete is, by the policy; what was skipped is not. Each run is announced
        // once, by whoever started it, with the summary its run history holds.
        Assert.Collection(feed.Changes,
            c => Assert.Equal((dryRun.Id, true, "admin", dryRun.Summarize()), c is RetentionRunCompleted r && !r.Artifacts ? (r.RunId, r.DryRun, r.Actor.Name, r.Summary) : default),
            c => Assert.Equal((Repo, "old", ActorKind.System, "retention:newest"), c is TagDeleted t ? (t.Repository, t.Tag.Value, t.Actor.Kind, t.Actor.Name) : default),
            c => Assert.Equal((Repo, D("old"), "retention:newest"), c is ManifestDeleted m ? (m.Repository, m.Digest, m.Actor.Name) : default),
            c => Assert.Equal((run.Id, false, "admin", run.Summarize(), true), c is RetentionRunCompleted r ? (r.RunId, r.DryRun, r.Actor.Name, r.Summary, r.Succeeded) : default));
        Assert.All(feed.Changes, c => Assert.Null(c.Actor.Request));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
