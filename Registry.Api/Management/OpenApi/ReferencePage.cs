using System.Globalization;
using System.Net;
using System.Text;
using Registry.Api.Management.Problems;

namespace Registry.Api.Management;

/// <summary>
/// The self-contained reference page of <c>/api/v1</c> (<c>reference.html</c>, embedded): its script fetches
/// <c>openapi.json</c> and lists the operations; the problem codes are filled in here from <see cref="ApiProblemCode"/>
/// so the page and the API cannot disagree. No external script, style or font.
/// </summary>
internal static class ReferencePage
{
    private const string Placeholder = "<!--problem-codes-->";

    public static string Render()
    {
        using Stream stream = typeof(ReferencePage).Assembly.GetManifestResourceStream("Registry.Api.Management.OpenApi.reference.html")
            ?? throw new InvalidOperationException("reference.html is not embedded in Registry.Api");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string template = reader.ReadToEnd();
        var rows = new StringBuilder();
        foreach ((string code, int status, string title) in ApiProblemCode.All)
        {
            rows.Append(CultureInfo.InvariantCulture,
                $"<tr id=\"problem-{code}\"><td><code>{code}</code></td><td>{status}</td><td>{WebUtility.HtmlEncode(title)}</td></tr>\n");
        }

        return template.Replace(Placeholder, rows.ToString(), StringComparison.Ordinal);
    }
}
