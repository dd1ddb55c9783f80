using System.Xml;
using System.Xml.Linq;

namespace Registry.Core.Packages.Nuget;

/// <summary>
/// Reads a <c>.nuspec</c> (any of its schema namespaces: elements are matched by local name): well-formed XML without a
/// DTD, at most <see cref="MaxBytes"/>, a valid id and version, parseable dependency ids and ranges. Returns the
/// nuspec or the reason it is refused.
/// </summary>
public static class NuspecReader
{
    /// <summary>The largest <c>.nuspec</c> taken: 256 KiB (real ones are a few KiB).</summary>
    public const int MaxBytes = 256 * 1024;

    public static (Nuspec? Nuspec, string? Error) Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return (null, $"the .nuspec is larger than {MaxBytes / 1024} KiB");
        }

        XDocument document;
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = MaxBytes,
                IgnoreComments = true,
            });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return (null, $"the .nuspec is not well-formed XML: {e.Message}");
        }

        XElement? metadata = document.Root is { Name.LocalName: "package" } root ? Child(root, "metadata") : null;
        if (metadata is null)
        {
            return (null, "the .nuspec has no <package><metadata> element");
        }

        string id = Text(metadata, "id");
        if (!NugetPackageId.IsValid(id))
        {
            return (null, $"the .nuspec's id '{id}' is not a valid package id (letters, digits and _ in words joined by . or -, at most {NugetPackageId.MaxLength} characters)");
        }

        string versionText = Text(metadata, "version");
        if (!NugetVersion.TryParse(versionText, out NugetVersion? version))
        {
            return (null, $"the .nuspec's version '{versionText}' is not a valid NuGet version");
        }

        (List<NugetDependencyGroup>? groups, string? error) = ReadDependencies(Child(metadata, "dependencies"));
        return groups is null
            ? (null, error)
            : (new Nuspec(id, version, Text(metadata, "description"), Text(metadata, "authors"), groups), null);
    }

    private static (List<NugetDependencyGroup>? Groups, string? Error) ReadDependencies(XElement? dependencies)
    {
        var groups = new List<NugetDependencyGroup>();
        if (dependencies is null)
        {
            return (groups, null);
        }

        var ungrouped = new List<XElement>();
        foreach (XElement element in dependencies.Elements())
        {
            if (element.Name.LocalName == "group")
            {
                (List<NugetDependency>? list, string? error) = ReadList(element.Elements().Where(e => e.Name.LocalName == "dependency"));
                if (list is null)
                {
                    return (null, error);
                }

                groups.Add(new NugetDependencyGroup(((string?)element.Attribute("targetFramework") ?? string.Empty).Trim(), list));
            }
            else if (element.Name.LocalName == "dependency")
            {
                ungrouped.Add(element);
            }
        }

        if (ungrouped.Count > 0)
        {
            (List<NugetDependency>? list, string? error) = ReadList(ungrouped);
            if (list is null)
            {
                return (null, error);
            }

            groups.Insert(0, new NugetDependencyGroup(string.Empty, list));
        }

        return (groups, null);
    }

    private static (List<NugetDependency>? List, string? Error) ReadList(IEnumerable<XElement> elements)
    {
        var list = new List<NugetDependency>();
        foreach (XElement dependency in elements)
        {
            string id = ((string?)dependency.Attribute("id") ?? string.Empty).Trim();
            if (!NugetPackageId.IsValid(id))
            {
                return (null, $"the .nuspec names a dependency with the invalid id '{id}'");
            }

            string? range = (string?)dependency.Attribute("version");
            if (!NugetVersionRange.TryParse(range, out NugetVersionRange? parsed))
            {
                return (null, $"the .nuspec's dependency '{id}' has the version range '{range}', which is not a NuGet version range");
            }

            list.Add(new NugetDependency(id, parsed));
        }

        return (list, null);
    }

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string Text(XElement parent, string name) => Child(parent, name)?.Value.Trim() ?? string.Empty;
}
