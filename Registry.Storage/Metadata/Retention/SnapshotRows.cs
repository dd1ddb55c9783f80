using Registry.Core.Primitives;
using Registry.Core.Retention;

namespace Registry.Storage.Metadata.Retention;

/// <summary>Builds a <see cref="RetentionSnapshot"/> from the rows both stores read for it.</summary>
internal static class SnapshotRows
{
    public static RetentionSnapshot ToSnapshot(IEnumerable<SnapshotTagRow> tags, IEnumerable<SnapshotManifestRow> manifests, IEnumerable<(string Manifest, string Child)> children)
    {
        ILookup<string, string> childrenOf = children.ToLookup(c => c.Manifest, c => c.Child, StringComparer.Ordinal);
        return new RetentionSnapshot(
            [.. tags.Select(t => new SnapshotTag(t.Name, Digest.Parse(t.Digest), DateTimeOffset.FromUnixTimeMilliseconds(t.PushedAt),
                t.PulledAt is { } pulled ? DateTimeOffset.FromUnixTimeMilliseconds(pulled) : null))],
            [.. manifests.Select(m => new SnapshotManifest(Digest.Parse(m.Digest), m.MediaType, m.Size,
                m.Subject is null ? null : Digest.Parse(m.Subject), DateTimeOffset.FromUnixTimeMilliseconds(m.CreatedAt),
                [.. childrenOf[m.Digest].Select(Digest.Parse)]))]);
    }
}
