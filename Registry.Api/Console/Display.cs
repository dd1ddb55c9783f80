using System.Globalization;

namespace Registry.Api.Console;

/// <summary>Sizes, times and digests as people read them (binary units, relative times with the exact UTC time beside).</summary>
internal static class Display
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Bytes(long? bytes)
    {
        if (bytes is not { } value)
        {
            return "–";
        }

        double size = value;
        int unit = 0;
        while (size >= 1024 && unit < Units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0 ? $"{value} B" : string.Create(CultureInfo.InvariantCulture, $"{size:0.#} {Units[unit]}");
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"3 minutes ago", "2 days ago", or the date for anything older than a month.</summary>
    public static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } time)
        {
            return "never";
        }

        TimeSpan age = now - time;
        return age.TotalSeconds < 0 ? Exact(time)
            : age.TotalSeconds < 60 ? "just now"
            : age.TotalMinutes < 60 ? Plural((int)age.TotalMinutes, "minute")
            : age.TotalHours < 24 ? Plural((int)age.TotalHours, "hour")
            : age.TotalDays < 31 ? Plural((int)age.TotalDays, "day")
            : time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public static string Exact(DateTimeOffset? at)
        => at is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "";

    /// <summary>The algorithm and the first 12 hex digits, as docker prints image ids.</summary>
    public static string Short(string digest)
    {
        int colon = digest.IndexOf(':');
        return colon < 0 || digest.Length < colon + 13 ? digest : digest[..(colon + 13)];
    }

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit} ago" : $"{count} {unit}s ago";
}
