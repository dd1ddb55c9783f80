using Registry.Core.Gc;

namespace Registry.Storage.Metadata.Gc;

/// <summary>A repository's blob with its pin, as the HEAD and mount paths read it.</summary>
internal sealed class PinnedBlobRow
{
    public long Size { get; set; }

    public long? PinnedUntil { get; set; }

    public PinnedBlob ToRecord() => new(Size, PinnedUntil is { } until ? DateTimeOffset.FromUnixTimeMilliseconds(until) : null);
}
