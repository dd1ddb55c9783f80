using Registry.Core.Access;

namespace Registry.Api.Management.Models;

internal sealed record AuditEntryModel(long Id, DateTimeOffset At, string Actor, string? ClientAddress, string Action, string? Target, string? Detail, bool Success)
{
    public static AuditEntryModel From(AuditEntry e) => new(e.Id, e.At, e.Actor, e.ClientAddress, e.Action, e.Target, e.Detail, e.Success);
}
