using Registry.Core.Gc;

namespace Registry.Api.Management.Models;

/// <summary>A blob a collection pass removed or would remove.</summary>
internal sealed record GcBlobModel(string Digest, long Size, DateTimeOffset QueuedAt)
{
    public static IReadOnlyList<GcBlobModel> From(IReadOnlyList<GcCandidate> blobs) => [.. blobs.Select(b => new GcBlobModel(b.Digest.Value, b.Size, b.QueuedAt))];
}
