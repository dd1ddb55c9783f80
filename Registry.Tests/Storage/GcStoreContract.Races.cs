using Registry.Core.Gc;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>The races the queue must win on every backend (on PostgreSQL each call is its own connection and transaction).</summary>
public sealed partial class GcStoreContract
{
    [Theory, MetadataBackends]
    public async Task ConcurrentDeletesOfTwoImagesSharingALayer_QueueTheLayer(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, _) = await NewAsync(backend);
        for (int round = 0; round < 10; round++)
        {
            string shared = $"shared-{round}";
            await ImageAsync(store, A, $"ma-{round}", shared);
            await ImageAsync(store, B, $"mb-{round}", shared);

            await Task.WhenAll(
                Task.Run(async () => await store.DeleteManifestAsync(A, D($"ma-{round}"), None)),
                Task.Run(async () => await store.DeleteManifestAsync(B, D($"mb-{round}"), None)));

            Assert.Contains(D(shared).Value, await DueAsync(gc, Start.AddDays(1)));
        }
    }

    [Theory, MetadataBackends]
    public async Task MarkRacingAManifestPush_NeverLeavesAManifestReferencingADeletingBlob(MetadataBackend backend)
    {
        (IMetadataStore store, IGcStore gc, _) = await NewAsync(backend);
        for (int round = 0; round < 20; round++)
        {
            Digest layer = D($"layer-{round}");
            await store.LinkBlobAsync(A, new BlobInfo(layer, 10), None);

            Task<GcCandidate?> mark = Task.Run(async () => await gc.TryMarkDeletingAsync(layer, Start.AddDays(1), None));
            Task<PutManifestResult> push = Task.Run(async () => await store.PutManifestAsync(A, Manifest($"m-{round}", $"layer-{round}"), null, None));
            bool marked = await mark is not null;
            bool stored = (await push).Status == PutManifestStatus.Stored;
            Assert.True(marked != stored, $"round {round}: marked {marked}, manifest stored {stored}");
            Assert.Equal(stored, await store.GetRepositoryBlobAsync(A, layer, None) is not null);
        }
    }
}
