using Registry.Core.Access;

namespace Registry.Api.Console;

/// <summary>
/// One page of the audit log, newest first, with how many entries match in all and the cursors of the pages around it:
/// newer entries than <paramref name="Newer"/> are on the page before, older than <paramref name="Older"/> on the page
/// after (null: none).
/// </summary>
internal sealed record AuditLogPage(IReadOnlyList<AuditEntry> Entries, long Total, long? Newer, long? Older)
{
    /// <summary>
    /// Reads the page of <paramref name="filter"/> older than <paramref name="before"/>, newer than
    /// <paramref name="after"/>, or the newest.
    /// </summary>
    public static async ValueTask<AuditLogPage> ReadAsync(IAccessStore store, AuditQuery filter, long? before, long? after, int size, CancellationToken ct)
    {
        bool backwards = after is not null && before is null;
        IReadOnlyList<AuditEntry> rows = await store.ListAuditAsync(
            filter with { BeforeId = backwards ? null : before, AfterId = backwards ? after : null, Limit = size + 1 }, ct);
        bool more = rows.Count > size;

        // Newest first either way; going back, the page is the entries nearest the cursor (the oldest of those read).
        List<AuditEntry> page = backwards ? [.. rows.TakeLast(size)] : [.. rows.Take(size)];
        long total = await store.CountAuditAsync(filter, ct);
        if (page.Count == 0)
        {
            return new AuditLogPage(page, total, null, null);
        }

        bool newer = backwards ? more : before is not null && await AnyAsync(store, filter with { AfterId = page[0].Id }, ct);
        bool older = backwards ? await AnyAsync(store, filter with { BeforeId = page[^1].Id }, ct) : more;
        return new AuditLogPage(page, total, newer ? page[0].Id : null, older ? page[^1].Id : null);
    }

    private static async ValueTask<bool> AnyAsync(IAccessStore store, AuditQuery query, CancellationToken ct)
        => (await store.ListAuditAsync(query with { Limit = 1 }, ct)).Count > 0;
}
