using Registry.Core.Access;
using Registry.Core.Primitives;

namespace Registry.Tests.Storage;

/// <summary>
/// What every access store must do (users, grants, public scopes, CI tokens, signing keys, audit log), written once;
/// every test runs on each <see cref="MetadataBackend"/>. Users, grants, public scopes and the access version are here;
/// CI tokens and signing keys in <c>AccessStoreContract.Tokens.cs</c>, the audit log in <c>AccessStoreContract.Audit.cs</c>.
/// </summary>
public sealed partial class AccessStoreContract : BackendContract<IAccessStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly AccessScope TeamNamespace = AccessScope.Create(ScopeKind.Namespace, "team");
    private static readonly AccessScope AppRepository = AccessScope.Create(ScopeKind.Repository, "team/app");

    /// <summary>A time in whole milliseconds, as the stores keep them.</summary>
    internal static DateTimeOffset T(int minutes) => new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(minutes);

    private static UserRecord User(string name, string hash = "hash", bool disabled = false) => new(name, hash, disabled, T(0), T(0));

    private static RoleGrant Grant(string subject, AccessScope scope, Role role, int minute = 0) => new(subject, scope, role, T(minute), "root");

    private static CiTokenRecord Token(string id, string name, string owner = "alice", int minute = 0, params string[] namespaces)
        => new(id, name, owner, [1, 2, 3, (byte)id.Length], namespaces.Length == 0 ? ["team"] : namespaces,
            AccessAction.Pull | AccessAction.Push, T(minute), T(minute + 60 * 24), null, null);

    private static SigningKeyRecord Key(string kid, int minute = 0) => new(kid, "ES256", [7, 7, (byte)kid.Length], T(minute), null);

    [Theory, MetadataBackends]
    public async Task CreateUser_ThenGet_RoundTrips(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        var user = new UserRecord("alice", "$argon2id$v=19$abc", true, T(1), T(2));

        Assert.True(await store.CreateUserAsync(user, None));

        Assert.Equal(user, await store.GetUserAsync("alice", None));
        Assert.Null(await store.GetUserAsync("bob", None));
        Assert.Null(await store.GetUserAsync("Alice", None));
    }

    [Theory, MetadataBackends]
    public async Task CreateUser_Twice_ReturnsFalse(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        Assert.True(await store.CreateUserAsync(User("alice", "first"), None));

        Assert.False(await store.CreateUserAsync(User("alice", "second"), None));

        Assert.Equal("first", (await store.GetUserAsync("alice", None))!.PasswordHash);
    }

    [Theory, MetadataBackends]
    public async Task ListUsers_IsOrderedByNameOrdinally(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        foreach (string name in new[] { "b", "a-b", "a", "B" })
        {
            await store.CreateUserAsync(User(name), None);
        }

        Assert.Equal(["B", "a", "a-b", "b"], (await store.ListUsersAsync(None)).Select(u => u.Name));
    }

    [Theory, MetadataBackends]
    public async Task UpdateUser_ChangesOnlyWhatIsGiven(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.CreateUserAsync(User("alice", "old"), None);

        Assert.True(await store.UpdateUserAsync("alice", "new", null, T(5), None));
        Assert.Equal(new UserRecord("alice", "new", false, T(0), T(5)), await store.GetUserAsync("alice", None));

        Assert.True(await store.UpdateUserAsync("alice", null, true, T(6), None));
        Assert.Equal(new UserRecord("alice", "new", true, T(0), T(6)), await store.GetUserAsync("alice", None));

        Assert.True(await store.UpdateUserAsync("alice", null, false, T(7), None));
        Assert.False((await store.GetUserAsync("alice", None))!.Disabled);
    }

    [Theory, MetadataBackends]
    public async Task UpdateUser_Unknown_ReturnsFalse(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        Assert.False(await store.UpdateUserAsync("ghost", "hash", true, T(1), None));
        Assert.Null(await store.GetUserAsync("ghost", None));
    }

    [Theory, MetadataBackends]
    public async Task DeleteUser_RemovesTheirGrants(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.CreateUserAsync(User("alice"), None);
        await store.CreateUserAsync(User("bob"), None);
        await store.SetGrantAsync(Grant("alice", TeamNamespace, Role.Admin), None);
        await store.SetGrantAsync(Grant("alice", AccessScope.Global, Role.Reader), None);
        await store.SetGrantAsync(Grant("bob", TeamNamespace, Role.Developer), None);

        Assert.True(await store.DeleteUserAsync("alice", None));

        Assert.Null(await store.GetUserAsync("alice", None));
        Assert.Empty(await store.ListGrantsAsync("alice", None));
        Assert.Equal([Grant("bob", TeamNamespace, Role.Developer)], await store.ListGrantsAsync(null, None));

        // A user of the same name created later starts with nothing.
        await store.CreateUserAsync(User("alice"), None);
        Assert.Empty(await store.ListGrantsAsync("alice", None));
    }

    [Theory, MetadataBackends]
    public async Task DeleteUser_Unknown_ReturnsFalse(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        Assert.False(await store.DeleteUserAsync("ghost", None));
    }

    [Theory, MetadataBackends]
    public async Task SetGrant_OnSameScope_ReplacesRole(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.SetGrantAsync(Grant("alice", TeamNamespace, Role.Reader, minute: 1), None);
        await store.SetGrantAsync(Grant("alice", AppRepository, Role.Developer, minute: 1), None);

        var replacement = new RoleGrant("alice", TeamNamespace, Role.Maintainer, T(2), "carol");
        await store.SetGrantAsync(replacement, None);

        Assert.Equal([replacement, Grant("alice", AppRepository, Role.Developer, minute: 1)], await store.ListGrantsAsync("alice", None));
    }

    [Theory, MetadataBackends]
    public async Task ListGrants_IsOrderedBySubjectScopeKindAndScope_AndFiltersBySubject(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        AccessScope other = AccessScope.Create(ScopeKind.Namespace, "other");
        RoleGrant[] grants =
        [
            Grant("bob", AppRepository, Role.Reader),
            Grant("alice", other, Role.Reader),
            Grant("alice", AppRepository, Role.Developer),
            Grant("alice", TeamNamespace, Role.Maintainer),
            Grant("alice", AccessScope.Global, Role.Admin),
        ];
        foreach (RoleGrant grant in grants)
        {
            await store.SetGrantAsync(grant, None);
        }

        Assert.Equal([grants[4], grants[1], grants[3], grants[2], grants[0]], await store.ListGrantsAsync(null, None));
        Assert.Equal([grants[4], grants[1], grants[3], grants[2]], await store.ListGrantsAsync("alice", None));
        Assert.Empty(await store.ListGrantsAsync("nobody", None));
    }

    [Theory, MetadataBackends]
    public async Task RemoveGrant_RemovesOnlyThatScope_AndReturnsWhetherItExisted(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.SetGrantAsync(Grant("alice", TeamNamespace, Role.Reader), None);
        await store.SetGrantAsync(Grant("alice", AppRepository, Role.Reader), None);

        Assert.True(await store.RemoveGrantAsync("alice", TeamNamespace, None));
        Assert.False(await store.RemoveGrantAsync("alice", TeamNamespace, None));
        Assert.False(await store.RemoveGrantAsync("bob", AppRepository, None));

        Assert.Equal([Grant("alice", AppRepository, Role.Reader)], await store.ListGrantsAsync(null, None));
    }

    [Theory, MetadataBackends]
    public async Task SetPublic_ReturnsWhetherItChanged_AndListsPublicScopesInOrder(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        Assert.Empty(await store.ListPublicScopesAsync(None));

        Assert.True(await store.SetPublicAsync(AppRepository, true, None));
        Assert.False(await store.SetPublicAsync(AppRepository, true, None));
        Assert.True(await store.SetPublicAsync(TeamNamespace, true, None));
        Assert.True(await store.SetPublicAsync(AccessScope.Global, true, None));
        Assert.Equal([AccessScope.Global, TeamNamespace, AppRepository], await store.ListPublicScopesAsync(None));

        Assert.True(await store.SetPublicAsync(TeamNamespace, false, None));
        Assert.False(await store.SetPublicAsync(TeamNamespace, false, None));
        Assert.True(await store.SetPublicAsync(AccessScope.Global, false, None));
        Assert.Equal([AppRepository], await store.ListPublicScopesAsync(None));
    }

    [Theory, MetadataBackends]
    public async Task Version_ChangesOnEveryAccessWrite(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        var seen = new HashSet<long> { await store.GetAccessVersionAsync(None) };
        Func<Task>[] writes =
        [
            async () => await store.CreateUserAsync(User("alice"), None),
            async () => await store.UpdateUserAsync("alice", "new", null, T(1), None),
            async () => await store.UpdateUserAsync("alice", null, true, T(2), None),
            async () => await store.SetGrantAsync(Grant("alice", TeamNamespace, Role.Reader), None),
            async () => await store.SetGrantAsync(Grant("alice", TeamNamespace, Role.Admin), None),
            async () => await store.RemoveGrantAsync("alice", TeamNamespace, None),
            async () => await store.SetPublicAsync(TeamNamespace, true, None),
            async () => await store.SetPublicAsync(TeamNamespace, false, None),
            async () => await store.CreateCiTokenAsync(Token("t1", "ci"), None),
            async () => await store.RevokeCiTokenAsync("t1", T(3), None),
            async () => await store.SetGrantAsync(Grant("alice", AppRepository, Role.Reader), None),
            async () => await store.DeleteUserAsync("alice", None),
        ];

        for (int i = 0; i < writes.Length; i++)
        {
            await writes[i]();
            Assert.True(seen.Add(await store.GetAccessVersionAsync(None)), $"write {i} did not change the access version");
        }
    }

    [Theory, MetadataBackends]
    public async Task Version_StaysWhenNothingChanged_AndForTokenUseKeysAndAudit(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.CreateUserAsync(User("alice"), None);
        await store.CreateCiTokenAsync(Token("t1", "ci"), None);
        await store.RevokeCiTokenAsync("t1", T(1), None);
        await store.CreateCiTokenAsync(Token("t2", "ci2"), None);
        long version = await store.GetAccessVersionAsync(None);

        Assert.False(await store.CreateUserAsync(User("alice"), None));
        Assert.False(await store.UpdateUserAsync("ghost", "x", null, T(1), None));
        Assert.False(await store.DeleteUserAsync("ghost", None));
        Assert.False(await store.RemoveGrantAsync("alice", TeamNamespace, None));
        Assert.False(await store.SetPublicAsync(TeamNamespace, false, None));
        Assert.False(await store.CreateCiTokenAsync(Token("t1", "other"), None));
        Assert.False(await store.RevokeCiTokenAsync("t1", T(2), None));
        await store.RecordCiTokenUseAsync([new("t2", T(5))], None);
        await store.AddSigningKeyAsync(Key("k1"), retireOthers: false, None);
        await store.AddSigningKeyAsync(Key("k2", 1), retireOthers: true, None);
        await store.AppendAuditAsync([new AuditEntry(0, T(1), "alice", null, "login.success", null, null, true)], None);

        Assert.Equal(version, await store.GetAccessVersionAsync(None));
    }

    [Theory, MetadataBackends]
    public async Task Version_IsSharedByNodesOnOneDatabase(MetadataBackend backend)
    {
        IAccessStore[] nodes = await CreateNodesAsync(backend, 2);
        long before = await nodes[1].GetAccessVersionAsync(None);

        await nodes[0].CreateUserAsync(User("alice"), None);

        Assert.NotEqual(before, await nodes[1].GetAccessVersionAsync(None));
        Assert.Equal(await nodes[0].GetAccessVersionAsync(None), await nodes[1].GetAccessVersionAsync(None));
    }

    [Theory, MetadataBackends]
    public async Task ConcurrentAccessWrites_FromSeveralNodes_AllLand(MetadataBackend backend)
    {
        IAccessStore[] nodes = await CreateNodesAsync(backend, 3);
        long before = await nodes[0].GetAccessVersionAsync(None);

        bool[] created = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            IAccessStore node = nodes[i % nodes.Length];
            bool ok = await node.CreateUserAsync(User($"user{i:00}"), None);
            await node.SetGrantAsync(Grant($"user{i:00}", TeamNamespace, Role.Reader), None);
            return ok;
        })));

        Assert.All(created, ok => Assert.True(ok));
        Assert.Equal(24, (await nodes[1].ListUsersAsync(None)).Count);
        Assert.Equal(24, (await nodes[2].ListGrantsAsync(null, None)).Count);
        Assert.NotEqual(before, await nodes[0].GetAccessVersionAsync(None));
    }
}
