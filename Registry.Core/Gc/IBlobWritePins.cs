using Registry.Core.Primitives;

namespace Registry.Core.Gc;

/// <summary>Keeps garbage collection off a blob whose bytes or links are about to be written (see docs/gc.md).</summary>
public interface IBlobWritePins
{
    /// <summary>Pins the digest before its bytes are written, waiting for a deletion of it in progress to end; false when the wait ran out.</summary>
    ValueTask<bool> PinForWriteAsync(Digest digest, CancellationToken ct);
}
