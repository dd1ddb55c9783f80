using System.Net;
using System.Text.RegularExpressions;

namespace Registry.Tests.Support;

/// <summary>
/// Drives the web console over HTTP as a browser without script would: keeps cookies, reads the anti-forgery token
/// from a page's form and posts forms back to their page (Razor components dispatch on <c>_handler</c>).
/// </summary>
public sealed partial class ConsoleClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using HttpResponseMessage response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Signs in through the login form; returns the status of the form post (302 on success).</summary>
    public async Task<HttpStatusCode> SignInAsync(string user, string password)
    {
        (_, string page) = await GetAsync("/ui/login");
        using HttpResponseMessage response = await PostAsync("/ui/login", "login", AntiforgeryToken(page), [("username", user), ("password", password)]);
        return response.StatusCode;
    }

    /// <summary>Posts the named form of the page at <paramref name="path"/> with a token read from that page (or any page when the form is not on it).</summary>
    public async Task<(HttpStatusCode Status, string Html)> SubmitAsync(string path, string form, params (string Name, string Value)[] fields)
    {
        (_, string page) = await GetAsync(path);
        string? token = AntiforgeryToken(page);
        if (token is null)
        {
            (_, string overview) = await GetAsync("/ui");
            token = AntiforgeryToken(overview);
        }

        using HttpResponseMessage response = await PostAsync(path, form, token, fields);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> PostAsync(string path, string form, string? token, IEnumerable<(string Name, string Value)> fields)
    {
        var values = new List<KeyValuePair<string, string>> { new("_handler", form) };
        if (token is not null)
        {
            values.Add(new("__RequestVerificationToken", token));
        }

        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return http.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public static string? AntiforgeryToken(string html)
        => TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
