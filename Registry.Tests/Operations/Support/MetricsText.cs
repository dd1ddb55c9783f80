using System.Globalization;

namespace Registry.Tests.Operations;

/// <summary>Reads samples out of a Prometheus text exposition.</summary>
public static class MetricsText
{
    /// <summary>The value of the sample with exactly this name and label text, or null when absent.</summary>
    public static double? Sample(string exposition, string name, string labels = "")
    {
        string prefix = labels.Length == 0 ? name + " " : name + "{" + labels + "} ";
        foreach (string line in exposition.Split('\n'))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>Every sample line (comments left out).</summary>
    public static IEnumerable<string> Samples(string exposition)
        => exposition.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#'));
}
