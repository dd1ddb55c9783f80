using Registry.Core.Gc;

namespace Registry.Api.Gc;

/// <summary>What a pass started now would remove: unfinished deletions first, then the due, unpinned, unreferenced queue entries.</summary>
internal sealed record GcPreview(IReadOnlyList<GcCandidate> Blobs)
{
    public long Bytes { get; } = Blobs.Sum(b => b.Size);
}
