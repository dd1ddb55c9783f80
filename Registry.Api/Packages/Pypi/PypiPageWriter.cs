using System.Net;
using System.Text;
using System.Text.Json;
using Registry.Api.Artifacts;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// Writes the simple index's pages in PEP 503 HTML or PEP 691 JSON. A project page links each file relative to the page,
/// at <c>../../packages/{project}/{version}/{file}#sha256=...</c>, with <c>data-requires-python</c> (HTML-escaped) and
/// <c>data-yanked</c>; no core-metadata attributes, as the metadata files are not served.
/// </summary>
internal static class PypiPageWriter
{
    public static byte[] ProjectPage(string format, string name, IReadOnlyList<PypiIndexFile> files)
        => format == PypiPageFormat.Json ? ProjectJson(name, files) : ProjectHtml(name, files);

    public static byte[] ProjectList(string format, SortedDictionary<string, string> projects)
    {
        if (format == PypiPageFormat.Json)
        {
            return Json(writer =>
            {
                writer.WriteStartArray("projects");
                foreach (string name in projects.Values)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", name);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            });
        }

        var html = new StringBuilder(Head("Simple index"));
        foreach ((string normalized, string name) in projects)
        {
            html.Append("    <a href=\"").Append(Uri.EscapeDataString(normalized)).Append("/\">").Append(WebUtility.HtmlEncode(name)).Append("</a><br/>\n");
        }

        return Encoding.UTF8.GetBytes(html.Append(Foot).ToString());
    }

    private static byte[] ProjectHtml(string name, IReadOnlyList<PypiIndexFile> files)
    {
        var html = new StringBuilder(Head($"Links for {name}"));
        foreach (PypiIndexFile file in files)
        {
            html.Append("    <a href=\"").Append(WebUtility.HtmlEncode(Href(file))).Append('"');
            if (file.Link.RequiresPython is { Length: > 0 } requires)
            {
                html.Append(" data-requires-python=\"").Append(WebUtility.HtmlEncode(requires)).Append('"');
            }

            if (file.Link.Yanked is { } yanked)
            {
                html.Append(" data-yanked=\"").Append(WebUtility.HtmlEncode(yanked)).Append('"');
            }

            html.Append('>').Append(WebUtility.HtmlEncode(file.Link.FileName)).Append("</a><br/>\n");
        }

        return Encoding.UTF8.GetBytes(html.Append(Foot).ToString());
    }

    private static byte[] ProjectJson(string name, IReadOnlyList<PypiIndexFile> files) => Json(writer =>
    {
        writer.WriteString("name", name);
        writer.WriteStartArray("files");
        foreach (PypiIndexFile file in files)
        {
            writer.WriteStartObject();
            writer.WriteString("filename", file.Link.FileName);
            writer.WriteString("url", Href(file));
            writer.WriteStartObject("hashes");
            if (file.Link.Sha256 is { } sha256)
            {
                writer.WriteString("sha256", sha256);
            }

            writer.WriteEndObject();
            if (file.Link.RequiresPython is { Length: > 0 } requires)
            {
                writer.WriteString("requires-python", requires);
            }

            if (file.Link.Yanked is { Length: > 0 } reason)
            {
                writer.WriteString("yanked", reason);
            }
            else
            {
                writer.WriteBoolean("yanked", file.Link.Yanked is not null);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary>The file's URL relative to its project page, with the <c>#sha256=</c> fragment when known.</summary>
    private static string Href(PypiIndexFile file)
        => "../../packages/" + ArtifactServices.Escape(file.Path) + (file.Link.Sha256 is { } sha256 ? "#sha256=" + sha256 : string.Empty);

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("meta");
            writer.WriteString("api-version", "1.0");
            writer.WriteEndObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Head(string title) => $"""
        <!DOCTYPE html>
        <html>
          <head>
            <meta name="pypi:repository-version" content="1.0">
            <title>{WebUtility.HtmlEncode(title)}</title>
          </head>
          <body>
            <h1>{WebUtility.HtmlEncode(title)}</h1>

        """;

    private const string Foot = "  </body>\n</html>\n";
}
