using System.Text;
using Microsoft.AspNetCore.Http;

namespace Registry.Tests.Api;

/// <summary>What came back from a request sent below HttpClient: status, headers and body.</summary>
public sealed record RawResponse(int Status, IHeaderDictionary Headers, string Body);

/// <summary>
/// Requests built directly on the server's <see cref="HttpContext"/>, so the path, query string and headers reach
/// the registry exactly as written (HttpClient would normalise dot segments, escape characters and validate headers).
/// </summary>
public static class RawRequests
{
    /// <param name="target">Path and optional query, taken verbatim (the path as the server sees it after decoding).</param>
    /// <param name="declareLength">Whether to send Content-Length for the body (false: a streamed body of unknown length).</param>
    public static async Task<RawResponse> SendAsync(RegistryApiFactory factory, string method, string target,
        byte[]? body = null, IReadOnlyDictionary<string, string>? headers = null, bool declareLength = true)
    {
        int question = target.IndexOf('?', StringComparison.Ordinal);
        string path = question < 0 ? target : target[..question];
        string query = question < 0 ? string.Empty : target[question..];
        HttpContext context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = new PathString(path);
            c.Request.QueryString = new QueryString(query);
            if (headers is not null)
            {
                foreach ((string name, string value) in headers)
                {
                    c.Request.Headers[name] = value;
                }
            }

            if (body is not null)
            {
                c.Request.Body = new MemoryStream(body);
                if (declareLength)
                {
                    c.Request.ContentLength = body.Length;
                }
            }
        });
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        string text = await reader.ReadToEndAsync();
        return new RawResponse(context.Response.StatusCode, context.Response.Headers, text);
    }
}
