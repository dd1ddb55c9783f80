using System.Text;

namespace Registry.Api.Operations.Metrics;

/// <summary>
/// Prometheus names for <see cref="System.Diagnostics.Metrics"/> instruments, following the OpenTelemetry-to-Prometheus
/// conventions, so the runtime's and Npgsql's instruments keep the names docs/operations.md lists.
/// </summary>
internal static class OpenTelemetryNames
{
    /// <summary>
    /// An instrument's name in Prometheus form: dots become underscores, the unit is appended (<c>s</c> as
    /// <c>_seconds</c>, <c>By</c> as <c>_bytes</c>; annotations like <c>{request}</c> add nothing), and counters end
    /// in <c>_total</c>.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        string name = Sanitize(instrumentName);
        string suffix = unit switch
        {
            null or "" or "1" => string.Empty,
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            _ when unit.StartsWith('{') => string.Empty,
            _ => Sanitize(unit),
        };
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (isCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>Replaces every character outside <c>[a-zA-Z0-9_]</c> with '_' (and prefixes a leading digit); for metric and label names.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
