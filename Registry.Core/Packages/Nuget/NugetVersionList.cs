using System.Text.Json;

namespace Registry.Core.Packages.Nuget;

/// <summary>
/// The flat container's version list (<c>{"versions":["1.0.0","2.0.0-beta"]}</c>, lower case, ascending): read from an
/// upstream, written for clients, merged over a virtual repository's members.
/// </summary>
public static class NugetVersionList
{
    /// <summary>The largest version list read from an upstream: 4 MiB.</summary>
    public const int MaxBytes = 4 << 20;

    /// <summary>The versions in the list, or null when it is not a version list (versions that do not parse are skipped).</summary>
    public static List<NugetVersion>? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("versions", out JsonElement versions) || versions.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var list = new List<NugetVersion>();
            foreach (JsonElement item in versions.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && NugetVersion.TryParse(item.GetString(), out NugetVersion? version))
                {
                    list.Add(version);
                }
            }

            return list;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The union of the lists, each version once (the first list's wins), ascending.</summary>
    public static List<NugetVersion> Merge(IEnumerable<IEnumerable<NugetVersion>> lists)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var merged = new List<NugetVersion>();
        foreach (IEnumerable<NugetVersion> list in lists)
        {
            foreach (NugetVersion version in list)
            {
                if (seen.Add(version.Lower))
                {
                    merged.Add(version);
                }
            }
        }

        merged.Sort();
        return merged;
    }
}
