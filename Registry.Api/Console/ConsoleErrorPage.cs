using System.Net;

namespace Registry.Api.Console;

/// <summary>
/// The page a console request gets when it fails outside a page's own handling (a bug, a store that is down, a
/// malformed request): the console's stylesheet and top bar, a readable message, the request id to look up in the
/// log and a link home, instead of the OCI error JSON the registry's other endpoints answer with.
/// </summary>
internal static class ConsoleErrorPage
{
    public static bool Serves(HttpContext context) => context.Request.Path.StartsWithSegments(ConsoleEndpoints.BasePath);

    public static IResult Create(int status, string title, string message, string requestId)
    {
        string html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href="{{ConsoleAssets.CssPath}}" />
                <title>{{Encode(title)}} · Registry</title>
            </head>
            <body>
                <header class="top"><a class="brand" href="{{ConsoleEndpoints.BasePath}}">Registry</a></header>
                <main id="content">
                    <h1>{{Encode(title)}}</h1>
                    <div class="notice error" role="alert">{{Encode(message)}}</div>
                    <div class="panel missing">
                        <p class="muted">Request id <code>{{Encode(requestId)}}</code></p>
                        <p><a href="{{ConsoleEndpoints.BasePath}}">Back to the overview</a></p>
                    </div>
                </main>
            </body>
            </html>
            """;
        IResult page = Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

        // The response was cleared of the console's security headers along with whatever the failed page had written.
        return new WithConsoleHeaders(page);
    }

    private sealed class WithConsoleHeaders(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ConsoleEndpoints.SetSecurityHeaders(httpContext.Response.Headers);
            return inner.ExecuteAsync(httpContext);
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
