using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Registry.Api.Operations;

/// <summary>
/// Console logs as one JSON object per line (<c>Registry:Logging:Format=json</c>, the default outside
/// Development) or as plain text (<c>text</c>, the default in Development). Both include scopes: ASP.NET Core
/// opens one per request holding <c>RequestId</c> (<see cref="HttpContext.TraceIdentifier"/>, the
/// <c>detail.requestId</c> of every OCI error body) and <c>RequestPath</c>.
/// </summary>
internal static class RegistryLogging
{
    public const string FormatKey = "Registry:Logging:Format";

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    public static void Configure(WebApplicationBuilder builder)
    {
        if (UseJson(builder.Configuration[FormatKey], builder.Environment))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = TimestampFormat.TrimEnd();
                // Messages read as written ('+', quotes), still valid JSON; logs are never embedded in HTML.
                options.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = TimestampFormat;
            });
        }
    }

    /// <summary>True for <c>json</c>, false for <c>text</c>; unset means json except in Development.</summary>
    public static bool UseJson(string? format, IHostEnvironment environment) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" => !environment.IsDevelopment(),
        "json" => true,
        "text" => false,
        _ => throw new OptionsValidationException(FormatKey, typeof(ConsoleLoggerOptions),
            [$"{FormatKey} '{format}' is unknown; use 'json' or 'text'."]),
    };
}
