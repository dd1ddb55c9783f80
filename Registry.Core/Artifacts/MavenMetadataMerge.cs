using System.Xml.Linq;

namespace Registry.Core.Artifacts;

/// <summary>
/// Merges the <c>maven-metadata.xml</c> files the members of a virtual repository hold for one artifact: the union
/// of their versions (in Maven's version order), <c>latest</c> and <c>release</c> the highest any member names,
/// <c>lastUpdated</c> the latest. Metadata without a version list (a SNAPSHOT version's) is not merged: the first
/// member's wins.
/// </summary>
public static class MavenMetadataMerge
{
    /// <summary>The merged text, or null when none of <paramref name="documents"/> (in member order) is metadata.</summary>
    public static string? Merge(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var parsed = new List<XDocument>(documents.Count);
        foreach (string text in documents)
        {
            try
            {
                if (XDocument.Parse(text) is { Root: not null } document)
                {
                    parsed.Add(document);
                }
            }
            catch (System.Xml.XmlException)
            {
                // A member's unreadable metadata offers nothing to merge.
            }
        }

        if (parsed.Count == 0)
        {
            return null;
        }

        XDocument? baseDocument = parsed.Find(d => Versions(d) is not null);
        if (baseDocument is null || parsed.Count == 1)
        {
            return Text(baseDocument ?? parsed[0]);
        }

        var versions = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? latest = null;
        string? release = null;
        string? lastUpdated = null;
        foreach (XDocument document in parsed)
        {
            XNamespace ns = document.Root!.Name.Namespace;
            XElement? versioning = document.Root.Element(ns + "versioning");
            foreach (XElement version in Versions(document)?.Elements(ns + "version") ?? [])
            {
                string value = version.Value.Trim();
                if (value.Length > 0 && seen.Add(value))
                {
                    versions.Add(value);
                }
            }

            latest = Higher(latest, versioning?.Element(ns + "latest")?.Value.Trim());
            release = Higher(release, versioning?.Element(ns + "release")?.Value.Trim());
            string? updated = versioning?.Element(ns + "lastUpdated")?.Value.Trim();
            lastUpdated = string.CompareOrdinal(updated, lastUpdated) > 0 ? updated : lastUpdated;
        }

        versions.Sort(MavenVersionComparer.Instance);
        XNamespace baseNs = baseDocument.Root!.Name.Namespace;
        XElement baseVersioning = baseDocument.Root.Element(baseNs + "versioning")!;
        XElement list = Versions(baseDocument)!;
        list.RemoveNodes();
        list.Add(versions.Select(v => new XElement(baseNs + "version", v)));
        Set(baseVersioning, baseNs + "latest", latest);
        Set(baseVersioning, baseNs + "release", release);
        Set(baseVersioning, baseNs + "lastUpdated", lastUpdated);
        return Text(baseDocument);
    }

    private static XElement? Versions(XDocument document)
    {
        XNamespace ns = document.Root!.Name.Namespace;
        return document.Root.Element(ns + "versioning")?.Element(ns + "versions");
    }

    private static string? Higher(string? a, string? b)
        => string.IsNullOrEmpty(b) ? a : string.IsNullOrEmpty(a) || MavenVersionComparer.Instance.Compare(b, a) > 0 ? b : a;

    private static void Set(XElement parent, XName name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (parent.Element(name) is { } element)
        {
            element.Value = value;
        }
        else
        {
            parent.Add(new XElement(name, value));
        }
    }

    private static string Text(XDocument document)
        => document.Declaration is null ? document.ToString() : document.Declaration + "\n" + document;
}
