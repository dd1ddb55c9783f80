namespace Registry.Api.Management.Models;

/// <summary>A pass's outcome (<c>POST /api/v1/gc/run</c>, <c>gc --json</c>) or a dry run's (<c>run</c> null).</summary>
internal sealed record GcPassModel(bool DryRun, GcRunModel? Run, int Count, long Bytes, IReadOnlyList<GcBlobModel> Blobs);
