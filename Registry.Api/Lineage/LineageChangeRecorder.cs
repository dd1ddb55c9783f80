using System.Collections.Concurrent;
using Registry.Core.Changes;
using Registry.Core.Lineage;
using Registry.Core.Manifests;
using Registry.Core.Storage;

namespace Registry.Api.Lineage;

/// <summary>
/// Records the layer chain of every image manifest stored, pushed or copied (<see cref="ManifestPushed"/>), in the
/// change's own transaction; <see cref="LineageService"/> reads the chains to find an image's base. A chain once
/// committed by this node is not written again (the last 50,000 are remembered).
/// </summary>
internal sealed class LineageChangeRecorder(ILineageStore store) : IChangeRecorder, IChangeListener
{
    private const int MaxRemembered = 50_000;
    private readonly ConcurrentDictionary<string, byte> _recorded = new(StringComparer.Ordinal);

    public async ValueTask RecordAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        foreach (ManifestPushed pushed in Images(changes))
        {
            if (!_recorded.ContainsKey(Key(pushed)))
            {
                await store.RecordLayerChainAsync(pushed.Repository, pushed.Digest, LayerChain.Compute([.. pushed.Manifest.Layers.Select(l => l.Digest)]), ct);
            }
        }
    }

    /// <summary>Committed: remembers the chains, so the next push of the same manifest skips the write.</summary>
    public ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        foreach (ManifestPushed pushed in Images(changes))
        {
            if (_recorded.Count >= MaxRemembered)
            {
                _recorded.Clear();
            }

            _recorded[Key(pushed)] = 0;
        }

        return ValueTask.CompletedTask;
    }

    private static IEnumerable<ManifestPushed> Images(IReadOnlyList<ChangeRecord> changes)
        => changes.OfType<ManifestPushed>().Where(p => p.Manifest is { Kind: ManifestKind.Image, Layers.Count: > 0 });

    private static string Key(ManifestPushed pushed) => pushed.Repository.Value + "@" + pushed.Digest.Value;
}
