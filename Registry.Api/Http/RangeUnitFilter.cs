namespace Registry.Api.Http;

/// <summary>
/// Drops a <c>Range</c> header whose unit is not <c>bytes</c> (say <c>items=0-5</c>) before anything reads it: RFC 9110
/// (14.2) has a server ignore a range unit it does not understand and answer the whole representation with 200, and
/// the framework's range handling would otherwise read any unit as bytes and answer 206.
/// </summary>
internal static class RangeUnitFilter
{
    public static IApplicationBuilder UseBytesRangesOnly(this IApplicationBuilder app)
        => app.Use(static (context, next) =>
        {
            IHeaderDictionary headers = context.Request.Headers;
            if (headers.Range is { Count: > 0 } range && !IsBytes(range.ToString()))
            {
                headers.Remove("Range");
                headers.Remove("If-Range");
            }

            return next(context);
        });

    private static bool IsBytes(string value)
    {
        int equals = value.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && value.AsSpan(0, equals).Trim().Equals("bytes", StringComparison.OrdinalIgnoreCase);
    }
}
