using System.Net;
using System.Text.RegularExpressions;
using Registry.Core.Artifacts;

namespace Registry.Core.Packages.Pypi;

/// <summary>
/// Reads the HTML of a PEP 503 simple index, as an upstream index serves it: every anchor's <c>href</c> (HTML-unescaped),
/// its text, and its <c>data-requires-python</c> and <c>data-yanked</c> attributes.
/// </summary>
public static partial class PypiSimpleHtml
{
    /// <summary>The most anchors read from one page.</summary>
    public const int MaxLinks = 100_000;

    /// <summary>The files of a project page: anchors whose URL path ends in a file name, with the <c>#sha256=</c> fragment read.</summary>
    public static IReadOnlyList<PypiLink> ProjectFiles(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var links = new List<PypiLink>();
        foreach (Match anchor in Anchor().Matches(html).Take(MaxLinks))
        {
            string attributes = anchor.Groups["attrs"].Value;
            if (Attribute(attributes, "href") is not { Length: > 0 } href)
            {
                continue;
            }

            int hash = href.IndexOf('#', StringComparison.Ordinal);
            string fragment = hash < 0 ? string.Empty : href[(hash + 1)..];
            string url = hash < 0 ? href : href[..hash];
            string path = url.Split('?', 2)[0];
            string fileName = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
            if (fileName.Length == 0)
            {
                continue;
            }

            string? sha256 = fragment.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) && ArtifactChecksums.IsWellFormed(ChecksumKind.Sha256, fragment[7..])
                ? fragment[7..].ToLowerInvariant()
                : null;
            links.Add(new PypiLink(fileName, url, sha256, Attribute(attributes, "data-requires-python"), Attribute(attributes, "data-yanked")));
        }

        return links;
    }

    /// <summary>The project names of an index's root page (the anchors' texts).</summary>
    public static IReadOnlyList<string> ProjectNames(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var names = new List<string>();
        foreach (Match anchor in Anchor().Matches(html).Take(MaxLinks))
        {
            string text = WebUtility.HtmlDecode(anchor.Groups["text"].Value).Trim();
            if (PypiProjectName.IsValid(text))
            {
                names.Add(text);
            }
        }

        return names;
    }

    private static string? Attribute(string attributes, string name)
    {
        foreach (Match attribute in AttributePattern().Matches(attributes))
        {
            if (string.Equals(attribute.Groups["name"].Value, name, StringComparison.OrdinalIgnoreCase))
            {
                Group value = attribute.Groups["dq"].Success ? attribute.Groups["dq"] : attribute.Groups["sq"].Success ? attribute.Groups["sq"] : attribute.Groups["bare"];
                return WebUtility.HtmlDecode(value.Value);
            }
        }

        return null;
    }

    [GeneratedRegex("""<a\b(?<attrs>[^>]*)>(?<text>.*?)</a\s*>""", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Anchor();

    [GeneratedRegex("""(?<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<bare>[^\s"'=<>`]+)))?""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex AttributePattern();
}
