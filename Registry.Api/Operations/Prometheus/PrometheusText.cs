using System.Globalization;
using System.Text;

namespace Registry.Api.Operations.Prometheus;

/// <summary>Names, label sets and numbers as the Prometheus text exposition format (version 0.0.4) writes them.</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// An instrument's name in Prometheus form, following the OpenTelemetry conventions: dots become underscores,
    /// the unit is appended (<c>s</c> as <c>_seconds</c>, <c>By</c> as <c>_bytes</c>; annotations like
    /// <c>{request}</c> add nothing), and counters end in <c>_total</c>.
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

    /// <summary>Replaces every character outside <c>[a-zA-Z0-9_]</c> with '_' (and a leading digit).</summary>
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

    /// <summary>The text between the braces: <c>name="value",...</c>, names sanitised and values escaped.</summary>
    public static string Labels(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var builder = new StringBuilder();
        foreach (KeyValuePair<string, string> pair in pairs)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(Sanitize(pair.Key)).Append("=\"").Append(EscapeLabelValue(pair.Value)).Append('"');
        }

        return builder.ToString();
    }

    public static string EscapeLabelValue(string value)
        => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string EscapeHelp(string help)
        => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
