using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Registry.Api.Console;

/// <summary>
/// The console's stylesheet and script, embedded in the assembly (no build step, nothing to copy: they come up with
/// <c>dotnet run</c>, a Release build, a publish and the container image alike). Served with a strong ETag and, when
/// asked for with the version the pages link, cached for a year.
/// </summary>
internal static class ConsoleAssets
{
    private static readonly Asset Css = Load("console.css", "text/css; charset=utf-8");
    private static readonly Asset Js = Load("console.js", "text/javascript; charset=utf-8");

    public static string CssPath => $"{ConsoleEndpoints.BasePath}/assets/console.css?v={Css.Version}";

    public static string JsPath => $"{ConsoleEndpoints.BasePath}/assets/console.js?v={Js.Version}";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ConsoleEndpoints.BasePath + "/assets/console.css", (HttpContext context) => Serve(context, Css));
        endpoints.MapGet(ConsoleEndpoints.BasePath + "/assets/console.js", (HttpContext context) => Serve(context, Js));
    }

    private static IResult Serve(HttpContext context, Asset asset)
    {
        var etag = new EntityTagHeaderValue($"\"{asset.Version}\"");
        context.Response.Headers.CacheControl = context.Request.Query["v"] == asset.Version ? "public, max-age=31536000, immutable" : "no-cache";
        return Results.Bytes(asset.Content, asset.ContentType, entityTag: etag);
    }

    private static Asset Load(string name, string contentType)
    {
        using Stream stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream("Registry.Api.Console.Assets." + name)
            ?? throw new InvalidOperationException($"The console asset {name} is not embedded in the assembly.");
        byte[] content = new byte[stream.Length];
        stream.ReadExactly(content);
        return new Asset(content, contentType, Convert.ToHexStringLower(SHA256.HashData(content))[..16]);
    }

    private sealed record Asset(byte[] Content, string ContentType, string Version);
}
