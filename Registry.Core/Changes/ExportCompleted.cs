using Registry.Core.Transfer;

namespace Registry.Core.Changes;

/// <summary>An export of a selection to an OCI image layout finished (or stopped): audited as <c>registry.export</c>.</summary>
public sealed record ExportCompleted(Actor Actor, DateTimeOffset At, string Filter, ExportResult Result) : ChangeRecord(Actor, At)
{
    public override string Subject => Filter;
}
