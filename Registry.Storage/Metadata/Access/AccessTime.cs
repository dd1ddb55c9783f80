namespace Registry.Storage.Metadata.Access;

/// <summary>Times as both metadata stores keep them: Unix milliseconds, read back as UTC.</summary>
internal static class AccessTime
{
    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    public static DateTimeOffset From(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? From(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
