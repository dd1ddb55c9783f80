namespace Registry.Core.Gc;

/// <summary>One collection pass: what started it, when, and what it removed.</summary>
public sealed record GcRun(
    long Id,
    string Trigger,
    string Node,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int BlobsDeleted,
    long BytesFreed,
    int Errors,
    string? LastError);
