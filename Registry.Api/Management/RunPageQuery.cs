using System.Globalization;

namespace Registry.Api.Management;

/// <summary>
/// The paging of run histories (<c>/api/v1/retention/runs</c>, <c>.../artifact-repositories/{key}/retention/runs</c>):
/// <c>?limit=</c> (1 to <see cref="MaxLimit"/>, default <see cref="DefaultLimit"/>) and <c>?before=</c>, the
/// <c>next</c> cursor of the previous page.
/// </summary>
internal sealed record RunPageQuery(int Limit, long? Before)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>The query, or null and the 400 that says what is wrong with it.</summary>
    public static (RunPageQuery?, IResult?) Read(IQueryCollection q)
    {
        ArgumentNullException.ThrowIfNull(q);
        int limit = DefaultLimit;
        if (q["limit"].Count > 0 && (!int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (null, ManagementCaller.BadRequest("limit", $"limit is a number from 1 to {MaxLimit}"));
        }

        if (q["before"].Count == 0)
        {
            return (new RunPageQuery(limit, null), null);
        }

        return long.TryParse(q["before"], NumberStyles.None, CultureInfo.InvariantCulture, out long cursor)
            ? (new RunPageQuery(limit, cursor), null)
            : (null, ManagementCaller.BadRequest("before", "before is the next cursor of a previous page"));
    }

    /// <summary>The cursor of the page after one of <paramref name="count"/> runs whose last id is <paramref name="lastId"/>: null when it was the last page.</summary>
    public long? Next(int count, long lastId) => count == Limit ? lastId : null;
}
