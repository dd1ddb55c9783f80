using System.Globalization;
using System.Xml.Linq;

namespace Registry.Core.Artifacts;

/// <summary>Rewrites an artifact-level <c>maven-metadata.xml</c> after versions were removed, so resolvers stop offering them.</summary>
public static class MavenMetadata
{
    /// <summary>
    /// The metadata without the removed versions, with <c>latest</c>, <c>release</c> and <c>lastUpdated</c> following
    /// the versions that remain; null when the text is not such a metadata file or names none of them.
    /// </summary>
    public static string? WithoutVersions(string xml, IReadOnlySet<string> removed, DateTimeOffset now)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }

        XNamespace ns = document.Root?.Name.Namespace ?? XNamespace.None;
        XElement? versioning = document.Root?.Element(ns + "versioning");
        XElement? versions = versioning?.Element(ns + "versions");
        if (versioning is null || versions is null)
        {
            return null;
        }

        List<XElement> gone = [.. versions.Elements(ns + "version").Where(v => removed.Contains(v.Value.Trim()))];
        if (gone.Count == 0)
        {
            return null;
        }

        gone.ForEach(v => v.Remove());
        List<string> remaining = [.. versions.Elements(ns + "version").Select(v => v.Value.Trim())];
        Set(versioning, ns + "latest", remaining.LastOrDefault());
        Set(versioning, ns + "release", remaining.LastOrDefault(v => !v.EndsWith(MavenLayout.SnapshotSuffix, StringComparison.Ordinal)));
        Set(versioning, ns + "lastUpdated", now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        return document.Declaration is null ? document.ToString() : document.Declaration + "\n" + document;
    }

    private static void Set(XElement parent, XName name, string? value)
    {
        XElement? element = parent.Element(name);
        if (value is null)
        {
            element?.Remove();
        }
        else if (element is null)
        {
            parent.AddFirst(new XElement(name, value));
        }
        else
        {
            element.Value = value;
        }
    }
}
