using Registry.Api.Jobs;
using Registry.Core.Access;

namespace Registry.Api.Auth;

/// <summary>
/// Records audit entries without putting a database write on the request's path (a <see cref="BatchWriter{T}"/>):
/// entries are written in batches, one transaction each, a few milliseconds later, and drained when the node stops.
/// Listing the log first waits for this node's queue (<see cref="BatchWriter{T}.FlushAsync"/>), so what a caller just
/// did is always in the answer.
/// </summary>
internal sealed class AuditLog(IAccessStore store, TimeProvider time, ILogger<AuditLog> logger) : BatchWriter<AuditEntry>(time, logger)
{
    protected override string What => "audit entries";

    /// <summary>Records what the request's caller did.</summary>
    public void Record(HttpContext context, string action, string? target, string? detail = null, bool success = true)
        => Record(context, context.GetCaller().Subject, action, target, detail, success);

    /// <summary>Records an event for an explicit actor (e.g. the account a failed login named).</summary>
    public void Record(HttpContext? context, string actor, string action, string? target, string? detail, bool success)
        => Enqueue(new AuditEntry(0, Time.GetUtcNow(), actor, context?.Connection.RemoteIpAddress?.ToString(), action, target, detail, success));

    protected override async ValueTask WriteAsync(IReadOnlyList<AuditEntry> batch, CancellationToken ct) => await store.AppendAuditAsync(batch, ct);
}
