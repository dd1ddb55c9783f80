using System.Collections.Concurrent;
using Registry.Core.Changes;
using Registry.Core.Lineage;
using Registry.Core.Manifests;
using Registry.Core.Storage;

namespace Registry.Api.Lineage;

/// <summary>
/// Records the layer chain of every image manifest stored, pushed or copied (<see cref="ManifestPushed"/>), which
/// <see cref="LineageService"/> reads to find an image's base. A chain once recorded by this node is not written
/// again (the last 50,000 are remembered).
/// </summary>
internal sealed class LineageChangeListener(ILineageStore store) : IChangeListener
{
    private const int MaxRemembered = 50_000;
    private readonly ConcurrentDictionary<string, byte> _recorded = new(StringComparer.Ordinal);

    public async ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        foreach (ChangeRecord change in changes)
        {
            if (change is not ManifestPushed { Manifest: { Kind: ManifestKind.Image, Layers.Count: > 0 } manifest } pushed)
            {
                continue;
            }

            string key = pushed.Repository.Value + "@" + pushed.Digest.Value;
            if (_recorded.ContainsKey(key))
            {
                continue;
            }

            await store.RecordLayerChainAsync(pushed.Repository, pushed.Digest, LayerChain.Compute([.. manifest.Layers.Select(l => l.Digest)]), ct);
            if (_recorded.Count >= MaxRemembered)
            {
                _recorded.Clear();
            }

            _recorded[key] = 0;
        }
    }
}
