using Registry.Core.Access;
using Registry.Core.Storage;
using Registry.Core.Usage;

namespace Registry.Tests.Storage;

/// <summary>
/// <see cref="IMetadataTransactions"/>: the store writes made inside one transaction commit together or not at all,
/// a write that fails undoes only itself, a nested transaction joins the outer one, and a task that outlives the
/// transaction writes on its own again. The change feed's outbox (a change with its audit entry and webhook
/// deliveries) rests on these.
/// </summary>
public sealed class TransactionStoreContract : BackendContract<IMetadataStore>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static UserRecord User(string name) => new(name, "hash-" + name, false, Now, Now);

    private static IMetadataTransactions Transactions(IMetadataStore store) => (IMetadataTransactions)store;

    private static IAccessStore Access(IMetadataStore store) => (IAccessStore)store;

    private static IUsageStore Usage(IMetadataStore store) => (IUsageStore)store;

    [Theory, MetadataBackends]
    public async Task Writes_InOneTransaction_CommitTogether(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        await Transactions(store).InTransactionAsync(
            async ct =>
            {
                Assert.True(await Access(store).CreateUserAsync(User("alice"), ct));
                await Usage(store).SetQuotaAsync(new NamespaceQuota("team", 1024, "alice", Now), ct);
                await Access(store).AppendAuditAsync([new AuditEntry(0, Now, "alice", null, "quota.set", "team", "1024", true)], ct);
                return true;
            },
            CancellationToken.None);

        Assert.NotNull(await Access(store).GetUserAsync("alice", CancellationToken.None));
        Assert.Equal(1024, (await Usage(store).GetQuotaAsync("team", CancellationToken.None))?.Bytes);
    }

    [Theory, MetadataBackends]
    public async Task Work_ThatThrows_LeavesNothing_AndTheStoreWritesOnAfterwards(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Transactions(store).InTransactionAsync<bool>(
            async ct =>
            {
                await Access(store).CreateUserAsync(User("bob"), ct);
                await Usage(store).SetQuotaAsync(new NamespaceQuota("bobs", 2048, "bob", Now), ct);
                throw new InvalidOperationException("a recorder failed");
            },
            CancellationToken.None));

        Assert.Null(await Access(store).GetUserAsync("bob", CancellationToken.None));
        Assert.Null(await Usage(store).GetQuotaAsync("bobs", CancellationToken.None));
        Assert.True(await Access(store).CreateUserAsync(User("bob"), CancellationToken.None));
        Assert.NotNull(await Access(store).GetUserAsync("bob", CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task AWriteThatIsRefused_UndoesOnlyItself(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        Assert.True(await Access(store).CreateUserAsync(User("carol"), CancellationToken.None));
        (bool again, bool other) = await Transactions(store).InTransactionAsync(
            async ct => (await Access(store).CreateUserAsync(User("carol"), ct), await Access(store).CreateUserAsync(User("dave"), ct)),
            CancellationToken.None);

        Assert.False(again);
        Assert.True(other);
        Assert.Equal("hash-carol", (await Access(store).GetUserAsync("carol", CancellationToken.None))?.PasswordHash);
        Assert.NotNull(await Access(store).GetUserAsync("dave", CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task ANestedTransaction_JoinsTheOuterOne(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Transactions(store).InTransactionAsync<bool>(
            async ct =>
            {
                await Access(store).CreateUserAsync(User("erin"), ct);
                await Transactions(store).InTransactionAsync(async inner => await Access(store).CreateUserAsync(User("frank"), inner), ct);
                throw new InvalidOperationException("the outer work failed after the inner one returned");
            },
            CancellationToken.None));

        Assert.Null(await Access(store).GetUserAsync("erin", CancellationToken.None));
        Assert.Null(await Access(store).GetUserAsync("frank", CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task Reads_InsideATransaction_SeeWhatWasCommittedBeforeIt(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        UserRecord? seen = await Transactions(store).InTransactionAsync(
            async ct =>
            {
                await Access(store).CreateUserAsync(User("grace"), ct);
                return await Access(store).GetUserAsync("grace", ct);
            },
            CancellationToken.None);

        Assert.Null(seen);
        Assert.NotNull(await Access(store).GetUserAsync("grace", CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task ATaskThatOutlivesTheTransaction_WritesOnItsOwn(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<bool> late = null!;
        await Transactions(store).InTransactionAsync(
            ct =>
            {
                late = Task.Run(async () =>
                {
                    await release.Task;
                    return await Access(store).CreateUserAsync(User("heidi"), CancellationToken.None);
                });
                return ValueTask.FromResult(true);
            },
            CancellationToken.None);

        release.SetResult();
        Assert.True(await late.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.NotNull(await Access(store).GetUserAsync("heidi", CancellationToken.None));
    }

    [Theory, MetadataBackends]
    public async Task ConcurrentTransactions_AllCommit(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        string[] names = [.. Enumerable.Range(0, 8).Select(i => "user" + i)];
        await Task.WhenAll(names.Select(name => Task.Run(async () => await Transactions(store).InTransactionAsync(
            async ct =>
            {
                await Access(store).CreateUserAsync(User(name), ct);
                await Usage(store).SetQuotaAsync(new NamespaceQuota(name, 1, name, Now), ct);
                return true;
            },
            CancellationToken.None))));

        foreach (string name in names)
        {
            Assert.NotNull(await Access(store).GetUserAsync(name, CancellationToken.None));
            Assert.NotNull(await Usage(store).GetQuotaAsync(name, CancellationToken.None));
        }
    }
}
