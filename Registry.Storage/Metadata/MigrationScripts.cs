using System.Globalization;
using System.Reflection;

namespace Registry.Storage.Metadata;

/// <summary>
/// The numbered schema scripts of one metadata store, embedded as resources named
/// <c>...Metadata.&lt;Store&gt;.Migrations.NNNN_name.sql</c>, in version order.
/// </summary>
internal static class MigrationScripts
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> Load(string store)
    {
        Assembly assembly = typeof(MigrationScripts).Assembly;
        string marker = $".Metadata.{store}.Migrations.";
        var scripts = new List<(int, string, string)>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            int at = resource.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            string name = resource[(at + marker.Length)..^4];
            int version = int.Parse(name.AsSpan(0, name.IndexOf('_')), CultureInfo.InvariantCulture);
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((version, name, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return scripts;
    }
}
