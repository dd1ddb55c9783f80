using Registry.Core.Access;

namespace Registry.Tests.Storage;

public sealed partial class AccessStoreContract
{
    private static void AssertSameToken(CiTokenRecord expected, CiTokenRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Owner, actual.Owner);
        Assert.Equal(expected.SecretHash, actual.SecretHash);
        Assert.Equal(expected.Namespaces, actual.Namespaces);
        Assert.Equal(expected.Actions, actual.Actions);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
        Assert.Equal(expected.RevokedAt, actual.RevokedAt);
        Assert.Equal(expected.LastUsedAt, actual.LastUsedAt);
    }

    [Theory, MetadataBackends]
    public async Task CreateCiToken_ThenGet_RoundTripsSecretHashAndNamespaces(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        byte[] hash = System.Security.Cryptography.SHA256.HashData("secret"u8);
        var token = new CiTokenRecord("tok_1", "deploy-bot", "alice", hash, ["team", "other", CiTokenRecord.AllNamespaces, "with \"quotes\"\nand newline"],
            AccessAction.Pull | AccessAction.Push | AccessAction.Delete, T(1), T(100), null, null);
        var empty = new CiTokenRecord("tok_2", "nothing", "alice", [0, 255], [], AccessAction.None, T(2), T(3), T(2), T(2));

        Assert.True(await store.CreateCiTokenAsync(token, None));
        Assert.True(await store.CreateCiTokenAsync(empty, None));

        AssertSameToken(token, await store.GetCiTokenAsync("tok_1", None));
        AssertSameToken(empty, await store.GetCiTokenAsync("tok_2", None));
        Assert.Null(await store.GetCiTokenAsync("tok_3", None));
    }

    [Theory, MetadataBackends]
    public async Task CreateCiToken_WithTakenName_ReturnsFalse(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        Assert.True(await store.CreateCiTokenAsync(Token("t1", "ci"), None));
        await store.RevokeCiTokenAsync("t1", T(1), None);

        Assert.False(await store.CreateCiTokenAsync(Token("t2", "ci", owner: "bob"), None));

        Assert.Null(await store.GetCiTokenAsync("t2", None));
        Assert.Equal("alice", (await store.GetCiTokenAsync("t1", None))!.Owner);
    }

    [Theory, MetadataBackends]
    public async Task CreateCiToken_WithTakenId_ReturnsFalse(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        Assert.True(await store.CreateCiTokenAsync(Token("t1", "ci"), None));

        Assert.False(await store.CreateCiTokenAsync(Token("t1", "another", owner: "bob"), None));

        Assert.Equal("ci", (await store.GetCiTokenAsync("t1", None))!.Name);
        Assert.Single(await store.ListCiTokensAsync(null, None));
    }

    [Theory, MetadataBackends]
    public async Task ListCiTokens_IsNewestFirst_AndFiltersByOwner(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.CreateCiTokenAsync(Token("t1", "a", owner: "alice", minute: 1), None);
        await store.CreateCiTokenAsync(Token("t2", "b", owner: "bob", minute: 3), None);
        await store.CreateCiTokenAsync(Token("t3", "c", owner: "alice", minute: 2), None);

        Assert.Equal(["t2", "t3", "t1"], (await store.ListCiTokensAsync(null, None)).Select(t => t.Id));
        Assert.Equal(["t3", "t1"], (await store.ListCiTokensAsync("alice", None)).Select(t => t.Id));
        Assert.Empty(await store.ListCiTokensAsync("carol", None));
    }

    [Theory, MetadataBackends]
    public async Task RevokeCiToken_Twice_ReturnsFalse(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.CreateCiTokenAsync(Token("t1", "ci"), None);

        Assert.True(await store.RevokeCiTokenAsync("t1", T(5), None));
        Assert.False(await store.RevokeCiTokenAsync("t1", T(6), None));
        Assert.False(await store.RevokeCiTokenAsync("unknown", T(6), None));

        CiTokenRecord revoked = (await store.GetCiTokenAsync("t1", None))!;
        Assert.Equal(T(5), revoked.RevokedAt);
        Assert.False(revoked.IsActive(T(1)));
    }

    [Theory, MetadataBackends]
    public async Task RecordCiTokenUse_NeverGoesBack(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.CreateCiTokenAsync(Token("t1", "one"), None);
        await store.CreateCiTokenAsync(Token("t2", "two"), None);

        await store.RecordCiTokenUseAsync([new("t1", T(10)), new("unknown", T(10))], None);
        Assert.Equal(T(10), (await store.GetCiTokenAsync("t1", None))!.LastUsedAt);
        Assert.Null((await store.GetCiTokenAsync("t2", None))!.LastUsedAt);

        // An older time (a slower node's batch) is ignored; within one batch the latest time wins, in any order.
        await store.RecordCiTokenUseAsync([new("t1", T(5)), new("t2", T(20)), new("t2", T(15))], None);
        Assert.Equal(T(10), (await store.GetCiTokenAsync("t1", None))!.LastUsedAt);
        Assert.Equal(T(20), (await store.GetCiTokenAsync("t2", None))!.LastUsedAt);

        await store.RecordCiTokenUseAsync([new("t1", T(11))], None);
        await store.RecordCiTokenUseAsync([], None);
        Assert.Equal(T(11), (await store.GetCiTokenAsync("t1", None))!.LastUsedAt);
    }

    [Theory, MetadataBackends]
    public async Task AddSigningKey_First_IsAdded_AndRoundTrips(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        Assert.Empty(await store.ListSigningKeysAsync(None));
        byte[] der = [.. Enumerable.Range(0, 138).Select(i => (byte)i)];

        Assert.True(await store.AddSigningKeyAsync(new SigningKeyRecord("kid-1", "ES256", der, T(1), null), retireOthers: false, None));

        SigningKeyRecord key = Assert.Single(await store.ListSigningKeysAsync(None));
        Assert.Equal(("kid-1", "ES256", T(1), (DateTimeOffset?)null), (key.KeyId, key.Algorithm, key.CreatedAt, key.RetiredAt));
        Assert.Equal(der, key.PrivateKey);
    }

    [Theory, MetadataBackends]
    public async Task AddSigningKey_WhenActiveKeyExists_IsRefused(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        Assert.True(await store.AddSigningKeyAsync(Key("k1", 1), retireOthers: false, None));

        Assert.False(await store.AddSigningKeyAsync(Key("k2", 2), retireOthers: false, None));

        Assert.Equal(["k1"], (await store.ListSigningKeysAsync(None)).Select(k => k.KeyId));
    }

    [Theory, MetadataBackends]
    public async Task AddSigningKey_WithRotation_RetiresOthers(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.AddSigningKeyAsync(Key("k1", 1), retireOthers: false, None);
        Assert.True(await store.AddSigningKeyAsync(Key("k2", 2), retireOthers: true, None));
        Assert.True(await store.AddSigningKeyAsync(Key("k3", 3), retireOthers: true, None));

        IReadOnlyList<SigningKeyRecord> keys = await store.ListSigningKeysAsync(None);
        Assert.Equal([("k1", T(2)), ("k2", T(3)), ("k3", (DateTimeOffset?)null)], keys.Select(k => (k.KeyId, k.RetiredAt)));
    }

    [Theory, MetadataBackends]
    public async Task AddSigningKey_WhenAllAreRetired_AddsWithoutRotation(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.AddSigningKeyAsync(Key("k1", 1) with { RetiredAt = T(2) }, retireOthers: false, None);

        Assert.True(await store.AddSigningKeyAsync(Key("k2", 3), retireOthers: false, None));

        Assert.Equal([("k1", T(2)), ("k2", (DateTimeOffset?)null)], (await store.ListSigningKeysAsync(None)).Select(k => (k.KeyId, k.RetiredAt)));
    }

    [Theory, MetadataBackends]
    public async Task AddSigningKey_WithTakenKeyId_IsRefusedAndRetiresNothing(MetadataBackend backend)
    {
        IAccessStore store = await CreateStoreAsync(backend);
        await store.AddSigningKeyAsync(Key("k1", 1), retireOthers: false, None);

        Assert.False(await store.AddSigningKeyAsync(Key("k1", 2), retireOthers: true, None));

        SigningKeyRecord key = Assert.Single(await store.ListSigningKeysAsync(None));
        Assert.Equal(T(1), key.CreatedAt);
        Assert.Null(key.RetiredAt);
    }

    [Theory, MetadataBackends]
    public async Task ConcurrentFirstKeys_AgreeOnOne(MetadataBackend backend)
    {
        for (int round = 0; round < 3; round++)
        {
            IAccessStore[] nodes = await CreateNodesAsync(backend, 3);
            using var start = new ManualResetEventSlim();
            Task<bool>[] adds = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await nodes[i % nodes.Length].AddSigningKeyAsync(Key($"k{i:00}", i), retireOthers: false, None);
            })).ToArray();
            start.Set();
            bool[] added = await Task.WhenAll(adds);

            Assert.Single(added, a => a);
            foreach (IAccessStore node in nodes)
            {
                SigningKeyRecord key = Assert.Single(await node.ListSigningKeysAsync(None));
                Assert.Equal($"k{Array.IndexOf(added, true):00}", key.KeyId);
            }
        }
    }
}
