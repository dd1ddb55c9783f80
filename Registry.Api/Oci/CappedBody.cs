using System.Buffers;
using System.IO.Pipelines;

namespace Registry.Api.Oci;

/// <summary>Reads a small request body (a manifest) whole, refusing it once it passes a size cap.</summary>
internal static class CappedBody
{
    /// <returns>The body, or null when it is larger than <paramref name="maxBytes"/>.</returns>
    public static async ValueTask<byte[]?> ReadAsync(PipeReader reader, int maxBytes, CancellationToken ct)
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync(ct);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                byte[] content = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return content;
            }

            // Leave everything unconsumed so the next read returns the whole body so far.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
