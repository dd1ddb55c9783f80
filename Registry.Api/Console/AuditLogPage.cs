using Registry.Core.Access;

namespace Registry.Api.Console;

/// <summary>Pages of the audit log for the console: newest first, both ways, with the number of matching entries.</summary>
internal static class AuditLogPage
{
    public static ValueTask<NewestFirstPage<AuditEntry>> ReadAsync(IAccessStore store, AuditQuery filter, long? before, long? after, int size, CancellationToken ct)
        => NewestFirstPage<AuditEntry>.ReadAsync(
            (cursor, limit) => store.ListAuditAsync(filter with { BeforeId = cursor, AfterId = null, Limit = limit }, ct),
            (cursor, limit) => store.ListAuditAsync(filter with { BeforeId = null, AfterId = cursor, Limit = limit }, ct),
            () => store.CountAuditAsync(filter, ct),
            entry => entry.Id,
            before,
            after,
            size);
}
