using Registry.Core.Access;

namespace Registry.Tests.Storage;

public sealed partial class AccessStoreContract
{
    private static AuditEntry Audit(int minute, string actor, string action, string? target = null, bool success = true, string? detail = null)
        => new(0, T(minute), actor, "10.0.0.1", action, target, detail, success);

    /// <summary>Appends the entries and returns them as stored (with their ids), oldest first.</summary>
    private static async Task<AuditEntry[]> AppendAsync(IAccessStore store, params AuditEntry[] entries)
    {
        await store.AppendAuditAsync(entries, None);
        IReadOnlyList<AuditEntry> all = await store.ListAuditAsync(new AuditQuery(Limit: 1000), None);
        return [.. all.Reverse()];
    }

    private static async Task<long[]> IdsAsync(IAccessStore store, AuditQuery query)
        => [.. (await store.ListAuditAsync(query, None)).Select(e => e.Id)];

    [Theory, MetadataBackends]
    public async Task AppendAudit_AssignsIncreasingIdsInOrder_AndRoundTrips(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        var first = new AuditEntry(0, T(1), "alice", "2001:db8::1", "login.success", "alice", "basic", true);
        var second = new AuditEntry(0, T(1), "anonymous", null, "login.failure", null, null, false);

        AuditEntry[] stored = await AppendAsync(store, first, second, Audit(0, "token:ci", "manifest.push", "team/app:1.0"));
        stored = [.. stored, .. (await AppendAsync(store, Audit(2, "bob", "token.create")))[3..]];

        Assert.Equal(4, stored.Length);
        Assert.True(stored[0].Id > 0);
        Assert.True(stored[0].Id < stored[1].Id && stored[1].Id < stored[2].Id && stored[2].Id < stored[3].Id);
        Assert.Equal(first with { Id = stored[0].Id }, stored[0]);
        Assert.Equal(second with { Id = stored[1].Id }, stored[1]);
        Assert.Equal(["login.success", "login.failure", "manifest.push", "token.create"], stored.Select(e => e.Action));
    }

    [Theory, MetadataBackends]
    public async Task ListAudit_AfterACursor_ReadsThePageBefore_NewestFirst_AndCountAuditIgnoresCursors(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        AuditEntry[] e = await AppendAsync(store, [.. Enumerable.Range(0, 7).Select(i => Audit(i, i % 2 == 0 ? "alice" : "bob", "manifest.push", $"team/app:{i}"))]);
        long Id(int i) => e[i].Id;

        // The entries just newer than the cursor (the oldest of them), still newest first; to the newest page and no further.
        Assert.Equal([Id(3), Id(2)], await IdsAsync(store, new AuditQuery(AfterId: Id(1), Limit: 2)));
        Assert.Equal([Id(6), Id(5)], await IdsAsync(store, new AuditQuery(AfterId: Id(4), Limit: 2)));
        Assert.Equal([Id(6)], await IdsAsync(store, new AuditQuery(AfterId: Id(5), Limit: 2)));
        Assert.Empty(await IdsAsync(store, new AuditQuery(AfterId: Id(6))));
        Assert.Equal([Id(4), Id(2)], await IdsAsync(store, new AuditQuery(Actor: "alice", AfterId: Id(0), Limit: 2)));
        Assert.Equal([Id(4), Id(3)], await IdsAsync(store, new AuditQuery(AfterId: Id(2), BeforeId: Id(5))));

        Assert.Equal(7, await store.CountAuditAsync(new AuditQuery(), None));
        Assert.Equal(4, await store.CountAuditAsync(new AuditQuery(Actor: "alice", BeforeId: Id(1), AfterId: Id(5), Limit: 1), None));
        Assert.Equal(3, await store.CountAuditAsync(new AuditQuery(Action: "manifest.*", Actor: "bob"), None));
        Assert.Equal(1, await store.CountAuditAsync(new AuditQuery(TargetPrefix: "team/app:6", Since: T(6)), None));
        Assert.Equal(0, await store.CountAuditAsync(new AuditQuery(Success: false), None));
    }

    [Theory, MetadataBackends]
    public async Task AppendAudit_WithNoEntries_DoesNothing(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.AppendAuditAsync([], None);
        Assert.Empty(await store.ListAuditAsync(new AuditQuery(), None));
    }

    [Theory, MetadataBackends]
    public async Task ListAudit_FiltersByActorActionTargetTimeAndCursor(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        AuditEntry[] e = await AppendAsync(store,
            Audit(1, "alice", "login.success"),
            Audit(2, "alice", "manifest.push", "team/app:1.0"),
            Audit(3, "bob", "manifest.push", "team/other:2"),
            Audit(4, "alice", "manifest.delete", "team/app@sha256:abc", success: false),
            Audit(5, "bob", "manifests.cleanup", "team/app"),
            Audit(6, "alice", "manifest", "teams/app"),
            Audit(7, "carol", "token.create", "ci"));
        long Id(int i) => e[i].Id;

        Assert.Equal([Id(6), Id(5), Id(4), Id(3), Id(2), Id(1), Id(0)], await IdsAsync(store, new AuditQuery()));
        Assert.Equal([Id(5), Id(3), Id(1), Id(0)], await IdsAsync(store, new AuditQuery(Actor: "alice")));
        Assert.Equal([Id(2), Id(1)], await IdsAsync(store, new AuditQuery(Action: "manifest.push")));
        Assert.Equal([Id(3), Id(2), Id(1)], await IdsAsync(store, new AuditQuery(Action: "manifest.*")));
        Assert.Equal([Id(5)], await IdsAsync(store, new AuditQuery(Action: "manifest")));
        Assert.Equal([Id(4), Id(3), Id(1)], await IdsAsync(store, new AuditQuery(TargetPrefix: "team/app")));
        Assert.Equal([Id(3), Id(1)], await IdsAsync(store, new AuditQuery(Actor: "alice", TargetPrefix: "team/app")));
        Assert.Equal([Id(3)], await IdsAsync(store, new AuditQuery(Success: false)));
        Assert.Equal(6, (await IdsAsync(store, new AuditQuery(Success: true))).Length);

        // Since is inclusive, Until exclusive.
        Assert.Equal([Id(3), Id(2), Id(1)], await IdsAsync(store, new AuditQuery(Since: T(2), Until: T(5))));
        Assert.Equal([Id(6)], await IdsAsync(store, new AuditQuery(Since: T(7))));
        Assert.Equal([Id(0)], await IdsAsync(store, new AuditQuery(Until: T(2))));

        // The cursor pages newest first: each page starts below the last id of the one before.
        Assert.Equal([Id(6), Id(5)], await IdsAsync(store, new AuditQuery(Limit: 2)));
        Assert.Equal([Id(4), Id(3)], await IdsAsync(store, new AuditQuery(BeforeId: Id(5), Limit: 2)));
        Assert.Equal([Id(1), Id(0)], await IdsAsync(store, new AuditQuery(Actor: "alice", BeforeId: Id(3))));
        Assert.Empty(await IdsAsync(store, new AuditQuery(BeforeId: Id(0))));

        Assert.Equal([Id(1)], await IdsAsync(store, new AuditQuery("alice", "manifest.*", "team/", T(1), T(3), true, Id(3), 10)));
    }

    [Theory, MetadataBackends]
    public async Task ListAudit_TargetPrefixWithLikeWildcards_IsLiteral(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        AuditEntry[] e = await AppendAsync(store,
            Audit(1, "a", "x", "team_%/app"),
            Audit(2, "a", "x", "teamA/app"),
            Audit(3, "a", "x", "team_b/app"),
            Audit(4, "a", "x", "TEAM_%/app"),
            Audit(5, "a", "x", "team\\x"),
            Audit(6, "a", "x", null),
            Audit(7, "a", "x", "tëam/ü"));

        Assert.Equal([e[0].Id], await IdsAsync(store, new AuditQuery(TargetPrefix: "team_%")));
        Assert.Equal([e[2].Id, e[0].Id], await IdsAsync(store, new AuditQuery(TargetPrefix: "team_")));
        Assert.Empty(await IdsAsync(store, new AuditQuery(TargetPrefix: "%")));
        Assert.Empty(await IdsAsync(store, new AuditQuery(TargetPrefix: "_eam")));
        Assert.Equal([e[4].Id], await IdsAsync(store, new AuditQuery(TargetPrefix: "team\\")));
        Assert.Equal([e[6].Id], await IdsAsync(store, new AuditQuery(TargetPrefix: "tëam/")));
        Assert.Equal(6, (await IdsAsync(store, new AuditQuery(TargetPrefix: ""))).Length);
    }

    [Theory, MetadataBackends]
    public async Task ListAudit_ActionWildcard_IsLiteralExceptForTheTrailingStar(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        AuditEntry[] e = await AppendAsync(store,
            Audit(1, "a", "login.success"),
            Audit(2, "a", "login_failure"),
            Audit(3, "a", "Login.failure"),
            Audit(4, "a", "login"),
            Audit(5, "a", "a%b.c"),
            Audit(6, "a", "axb.c"));

        Assert.Equal([e[0].Id], await IdsAsync(store, new AuditQuery(Action: "login.*")));
        Assert.Equal([e[4].Id], await IdsAsync(store, new AuditQuery(Action: "a%b.*")));
        Assert.Empty(await IdsAsync(store, new AuditQuery(Action: "login*")));
        Assert.Empty(await IdsAsync(store, new AuditQuery(Action: "%.*")));
    }

    [Theory, MetadataBackends]
    public async Task ListAudit_Limit_IsClampedBetweenOneAndAThousand(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        AuditEntry[] entries = [.. Enumerable.Range(0, 1005).Select(i => Audit(i % 50, "bot", "blob.pull", $"repo{i}"))];
        await store.AppendAuditAsync(entries, None);

        Assert.Single(await store.ListAuditAsync(new AuditQuery(Limit: 0), None));
        Assert.Single(await store.ListAuditAsync(new AuditQuery(Limit: -5), None));
        IReadOnlyList<AuditEntry> page = await store.ListAuditAsync(new AuditQuery(Limit: 5000), None);
        Assert.Equal(1000, page.Count);
        Assert.Equal("repo1004", page[0].Target);
        Assert.Equal("repo5", page[^1].Target);
        Assert.Equal(100, (await store.ListAuditAsync(new AuditQuery(), None)).Count);
    }
}
