using System.Globalization;
using Registry.Core.Gc;

namespace Registry.Api.Gc;

/// <summary>The human-readable report of the <c>gc</c> command.</summary>
internal static class GcText
{
    public static void WritePreview(GcPreview preview, TimeSpan reviewDelay, TextWriter output)
    {
        Line(output, $"Garbage collection dry run (review delay {reviewDelay}): nothing is deleted.");
        WriteBlobs(preview.Blobs, "WOULD REMOVE", output);
        Line(output, $"Would remove {preview.Blobs.Count} blobs, {preview.Bytes} bytes.");
    }

    public static void WriteRun(GcPassResult result, TextWriter output)
    {
        GcRun run = result.Run;
        Line(output, $"Garbage collection pass ({run.StartedAt:u} to {run.FinishedAt:u})");
        WriteBlobs(result.Removed, "REMOVED", output);
        Line(output, $"Removed {run.BlobsDeleted} blobs, {run.BytesFreed} bytes; {run.Errors} errors.");
        if (run.LastError is { } error)
        {
            Line(output, $"Last error: {error}");
        }
    }

    private static void WriteBlobs(IReadOnlyList<GcCandidate> blobs, string verb, TextWriter output)
    {
        foreach (GcCandidate blob in blobs)
        {
            Line(output, $"  {verb} {blob.Digest.Value} ({blob.Size} bytes, unreferenced since {blob.QueuedAt:u})");
        }
    }

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
