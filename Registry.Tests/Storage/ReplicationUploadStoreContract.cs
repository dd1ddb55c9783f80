using Registry.Core.Replication;
using Registry.Core.Transfer;

namespace Registry.Tests.Storage;

/// <summary>What every metadata store must do with the unfinished uploads of replication runs, on each <see cref="MetadataBackend"/>.</summary>
public sealed class ReplicationUploadStoreContract : BackendContract<IReplicationUploadStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Blob = "sha256:0000000000000000000000000000000000000000000000000000000000000001";
    private const string Other = "sha256:0000000000000000000000000000000000000000000000000000000000000002";

    private static ReplicationUpload Upload(string rule, string repository, string digest, long offset = 1 << 20)
        => new(rule, repository, digest, 48L << 20, $"https://peer.example.com/v2/{repository}/blobs/uploads/u-{offset}?_state=abc", offset, At.AddSeconds(offset >> 20));

    [Theory, MetadataBackends]
    public async Task Save_ThenGet_RoundTripsEveryField_AndSavingAgainReplaces(MetadataBackend backend)
    {
        IReplicationUploadStore store = await CreateStoreAsync(backend);
        Assert.Null(await store.GetReplicationUploadAsync("dr", "team/app", Blob, None));

        await store.SaveReplicationUploadAsync(Upload("dr", "team/app", Blob), None);
        Assert.Equal(Upload("dr", "team/app", Blob), await store.GetReplicationUploadAsync("dr", "team/app", Blob, None));

        await store.SaveReplicationUploadAsync(Upload("dr", "team/app", Blob, offset: 3 << 20), None);
        Assert.Equal(Upload("dr", "team/app", Blob, offset: 3 << 20), await store.GetReplicationUploadAsync("dr", "team/app", Blob, None));
        Assert.Single(await store.ListReplicationUploadsAsync("dr", None));
    }

    [Theory, MetadataBackends]
    public async Task Uploads_AreKeptPerRuleRepositoryAndDigest_AndDeletedOneByOne(MetadataBackend backend)
    {
        IReplicationUploadStore store = await CreateStoreAsync(backend);
        await store.SaveReplicationUploadAsync(Upload("dr", "team/app", Blob), None);
        await store.SaveReplicationUploadAsync(Upload("dr", "team/app", Other, offset: 2 << 20), None);
        await store.SaveReplicationUploadAsync(Upload("dr", "base/os", Blob, offset: 4 << 20), None);
        await store.SaveReplicationUploadAsync(Upload("edge", "team/app", Blob, offset: 5 << 20), None);

        Assert.Equal(
            [("base/os", Blob, 4L << 20), ("team/app", Blob, 1L << 20), ("team/app", Other, 2L << 20)],
            (await store.ListReplicationUploadsAsync("dr", None)).Select(u => (u.Repository, u.Digest, u.Offset)));
        Assert.Equal(5L << 20, (await store.GetReplicationUploadAsync("edge", "team/app", Blob, None))!.Offset);

        Assert.True(await store.DeleteReplicationUploadAsync("dr", "team/app", Blob, None));
        Assert.False(await store.DeleteReplicationUploadAsync("dr", "team/app", Blob, None));
        Assert.Null(await store.GetReplicationUploadAsync("dr", "team/app", Blob, None));
        Assert.NotNull(await store.GetReplicationUploadAsync("edge", "team/app", Blob, None));
        Assert.Equal(2, (await store.ListReplicationUploadsAsync("dr", None)).Count);
    }

    [Theory, MetadataBackends]
    public async Task DeletingTheRule_DeletesItsUploads_AndNoOtherRules(MetadataBackend backend)
    {
        IReplicationUploadStore store = await CreateStoreAsync(backend);
        var rules = (IReplicationStore)store;
        Assert.Null(TransferFilter.TryCreate(null, null, null, false, out TransferFilter? filter));
        var rule = new ReplicationRule("dr", ReplicationDirection.Push, new ReplicationPeer(new Uri("https://peer.example.com/"), null, null), filter!,
            NamespaceMapping.Identity, ReplicationTriggers.ManualOnly, Overwrite: false, PropagateDeletes: false, Enabled: true, "alice", At, At);
        Assert.True(await rules.CreateReplicationRuleAsync(rule, None));
        await store.SaveReplicationUploadAsync(Upload("dr", "team/app", Blob), None);
        await store.SaveReplicationUploadAsync(Upload("edge", "team/app", Blob), None);

        Assert.True(await rules.DeleteReplicationRuleAsync("dr", None));

        Assert.Empty(await store.ListReplicationUploadsAsync("dr", None));
        Assert.Single(await store.ListReplicationUploadsAsync("edge", None));
    }
}
