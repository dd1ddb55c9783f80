using Registry.Core.Integrity;

namespace Registry.Api.Management.Models;

/// <summary>An integrity check's report as JSON (<c>POST /api/v1/fsck</c> and <c>fsck --json</c>).</summary>
internal sealed record FsckReportModel(
    bool Clean,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    long BlobsChecked,
    long BytesRead,
    long KnownDigests,
    IReadOnlyList<FsckCorruptModel> Corrupt,
    IReadOnlyList<FsckMissingModel> Missing,
    IReadOnlyList<FsckOrphanModel> Orphans)
{
    public static FsckReportModel From(FsckReport report) => new(
        report.IsClean,
        report.StartedAt,
        report.FinishedAt,
        report.BlobsChecked,
        report.BytesRead,
        report.KnownDigests,
        [.. report.Corrupt.Select(c => new FsckCorruptModel(c.Expected.Value, c.Actual?.Value, c.Size, c.Error))],
        [.. report.Missing.Select(m => new FsckMissingModel(m.Digest.Value, m.Repositories))],
        [.. report.Orphans.Select(o => new FsckOrphanModel(o.Digest.Value, o.Size, o.LastModified, o.Removed))]);
}

internal sealed record FsckCorruptModel(string Digest, string? ActualDigest, long Size, string? Error);

internal sealed record FsckMissingModel(string Digest, IReadOnlyList<string> Repositories);

internal sealed record FsckOrphanModel(string Digest, long Size, DateTimeOffset LastModified, bool Removed);
