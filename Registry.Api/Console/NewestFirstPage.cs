namespace Registry.Api.Console;

/// <summary>
/// One page of a list kept newest first by an increasing id (audit entries, tag history, GC runs), with how many rows
/// the list has in all and the cursors of the pages around it: rows newer than <paramref name="Newer"/> are on the
/// page before, rows older than <paramref name="Older"/> on the page after (null: none).
/// </summary>
internal sealed record NewestFirstPage<T>(IReadOnlyList<T> Rows, long Total, long? Newer, long? Older)
{
    public static NewestFirstPage<T> Empty { get; } = new([], 0, null, null);

    /// <summary>
    /// Reads the page older than <paramref name="before"/>, newer than <paramref name="after"/>, or the newest, from a
    /// store's two keyset reads (both answer newest first; <paramref name="newer"/> the oldest rows above its cursor)
    /// and its count. One row more than the page tells whether the list goes on in the direction read; one row past
    /// the page's other edge, whether it goes on in the other.
    /// </summary>
    public static async ValueTask<NewestFirstPage<T>> ReadAsync(
        Func<long?, int, ValueTask<IReadOnlyList<T>>> older,
        Func<long, int, ValueTask<IReadOnlyList<T>>> newer,
        Func<ValueTask<long>> count,
        Func<T, long> id,
        long? before,
        long? after,
        int size)
    {
        bool backwards = after is not null && before is null;
        IReadOnlyList<T> rows = backwards ? await newer(after!.Value, size + 1) : await older(before, size + 1);
        bool more = rows.Count > size;
        List<T> page = backwards ? [.. rows.TakeLast(size)] : [.. rows.Take(size)];
        long total = await count();
        if (page.Count == 0)
        {
            return new NewestFirstPage<T>(page, total, null, null);
        }

        long first = id(page[0]);
        long last = id(page[^1]);
        bool hasNewer = backwards ? more : before is not null && (await newer(first, 1)).Count > 0;
        bool hasOlder = backwards ? (await older(last, 1)).Count > 0 : more;
        return new NewestFirstPage<T>(page, total, hasNewer ? first : null, hasOlder ? last : null);
    }
}
