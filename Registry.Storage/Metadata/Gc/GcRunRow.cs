using Registry.Core.Gc;

namespace Registry.Storage.Metadata.Gc;

/// <summary>A <c>gc_runs</c> row, and the parameters that write one.</summary>
internal sealed class GcRunRow
{
    public long Id { get; set; }

    public string Trigger { get; set; } = string.Empty;

    public string Node { get; set; } = string.Empty;

    public long StartedAt { get; set; }

    public long FinishedAt { get; set; }

    public int BlobsDeleted { get; set; }

    public long BytesFreed { get; set; }

    public int Errors { get; set; }

    public string? LastError { get; set; }

    public GcRun ToRecord() => new(
        Id, Trigger, Node, DateTimeOffset.FromUnixTimeMilliseconds(StartedAt), DateTimeOffset.FromUnixTimeMilliseconds(FinishedAt),
        BlobsDeleted, BytesFreed, Errors, LastError);

    public static GcRunRow From(GcRun run) => new()
    {
        Trigger = run.Trigger,
        Node = run.Node,
        StartedAt = run.StartedAt.ToUnixTimeMilliseconds(),
        FinishedAt = run.FinishedAt.ToUnixTimeMilliseconds(),
        BlobsDeleted = run.BlobsDeleted,
        BytesFreed = run.BytesFreed,
        Errors = run.Errors,
        LastError = run.LastError,
    };
}
