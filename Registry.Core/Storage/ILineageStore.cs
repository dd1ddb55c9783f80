using Registry.Core.Lineage;
using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>
/// The layer chains of image manifests (see <see cref="LayerChain"/>), from which base-image lineage is worked out,
/// and the tag facts lineage needs. Chains of deleted manifests are never returned.
/// </summary>
public interface ILineageStore
{
    /// <summary>Records the manifest's chain at every depth (idempotent).</summary>
    ValueTask RecordLayerChainAsync(RepositoryName repository, Digest manifest, IReadOnlyList<string> chain, CancellationToken ct);

    /// <summary>The manifest's chain by depth (empty when none was recorded).</summary>
    ValueTask<IReadOnlyList<string>> GetLayerChainAsync(RepositoryName repository, Digest manifest, CancellationToken ct);

    /// <summary>
    /// Manifests, in any repository, whose first <paramref name="depth"/> layers have the chain; with
    /// <paramref name="exactDepth"/>, only those with exactly that many layers.
    /// </summary>
    ValueTask<IReadOnlyList<ChainedManifest>> FindByChainAsync(string chain, int depth, bool exactDepth, CancellationToken ct);

    /// <summary>Every digest the tag has pointed at, per its tag history (the current one included).</summary>
    ValueTask<IReadOnlyList<Digest>> ListTagDigestsAsync(RepositoryName repository, TagName tag, CancellationToken ct);

    /// <summary>The tags that point at the manifest now, in ordinal order.</summary>
    ValueTask<IReadOnlyList<string>> ListTagsOfManifestAsync(RepositoryName repository, Digest manifest, CancellationToken ct);
}
