using System.Globalization;
using Registry.Core.Integrity;

namespace Registry.Api.Integrity;

/// <summary>The human-readable report of the <c>fsck</c> command.</summary>
internal static class FsckText
{
    public static void Write(FsckReport report, FsckOptions options, TextWriter output)
    {
        Line(output, $"Registry integrity check ({report.StartedAt:u} to {report.FinishedAt:u})");
        Line(output, $"  blobs checked:   {report.BlobsChecked} ({report.BytesRead} bytes read)");
        Line(output, $"  known digests:   {report.KnownDigests}");
        Line(output, $"  corrupt blobs:   {report.Corrupt.Count}");
        foreach (CorruptBlob blob in report.Corrupt)
        {
            string actual = blob.Actual is { } a ? "hashes to " + a.Value : "unreadable: " + blob.Error;
            Line(output, $"    CORRUPT {blob.Expected.Value} ({blob.Size} bytes) {actual}");
        }

        Line(output, $"  missing blobs:   {report.Missing.Count}");
        foreach (MissingBlob blob in report.Missing)
        {
            string where = blob.Repositories.Count == 0 ? "no repository" : string.Join(", ", blob.Repositories);
            Line(output, $"    MISSING {blob.Digest.Value} (referenced by {where})");
        }

        int removed = report.Orphans.Count(o => o.Removed);
        Line(output, $"  orphan blobs:    {report.Orphans.Count} ({removed} removed)");
        foreach (OrphanBlob blob in report.Orphans)
        {
            string state = blob.Removed ? "removed"
                : options.RemoveOrphans ? $"kept: written {blob.LastModified:u}, within the {options.Grace} grace period"
                : "kept (run with --remove-orphans to remove)";
            Line(output, $"    ORPHAN  {blob.Digest.Value} ({blob.Size} bytes) {state}");
        }

        output.WriteLine(report.IsClean ? "Result: clean." : "Result: problems found.");
    }

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
