using Registry.Core.Gc;

namespace Registry.Api.Management.Models;

/// <summary>One recorded collection pass.</summary>
internal sealed record GcRunModel(
    long Id, string Trigger, string Node, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int BlobsDeleted, long BytesFreed, int Errors, string? LastError)
{
    public static GcRunModel From(GcRun run)
        => new(run.Id, run.Trigger, run.Node, run.StartedAt, run.FinishedAt, run.BlobsDeleted, run.BytesFreed, run.Errors, run.LastError);
}
