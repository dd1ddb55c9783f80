using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Registry.Tests.Api;

namespace Registry.Tests.Operations;

public sealed class LoggingTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task JsonLogs_OfARequest_CarryTheRequestIdOfItsErrorBody()
    {
        WebApplicationFactory<Program> app = WithCapture("json");
        using HttpClient client = app.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/v2/logging/json/manifests/latest");
        using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string requestId = error.RootElement.GetProperty("errors")[0].GetProperty("detail").GetProperty("requestId").GetString()!;

        FormattedLogCapture capture = app.Services.GetServices<ILoggerProvider>().OfType<FormattedLogCapture>().Single();
        List<JsonElement> lines = [.. capture.Entries.Select(entry => JsonDocument.Parse(entry).RootElement)];
        Assert.NotEmpty(lines);
        Assert.All(capture.Entries, entry => Assert.DoesNotContain('\n', entry.TrimEnd('\n')));
        JsonElement line = Assert.Single(lines, l => ScopeValues(l, "RequestId").Contains(requestId) && l.GetProperty("Message").GetString()!.Contains("Request starting", StringComparison.Ordinal));
        Assert.Equal("Information", line.GetProperty("LogLevel").GetString());
        Assert.Equal("Microsoft.AspNetCore.Hosting.Diagnostics", line.GetProperty("Category").GetString());
        Assert.True(line.TryGetProperty("Timestamp", out _));
        Assert.Contains("/v2/logging/json/manifests/latest", ScopeValues(line, "RequestPath"));
    }

    [Fact]
    public async Task TextLogs_OfARequest_CarryTheRequestIdToo()
    {
        WebApplicationFactory<Program> app = WithCapture("text");
        using HttpClient client = app.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/v2/logging/text/manifests/latest");
        using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string requestId = error.RootElement.GetProperty("errors")[0].GetProperty("detail").GetProperty("requestId").GetString()!;

        FormattedLogCapture capture = app.Services.GetServices<ILoggerProvider>().OfType<FormattedLogCapture>().Single();
        Assert.Contains(capture.Entries, entry => entry.Contains("RequestId:" + requestId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("json", ConsoleFormatterNames.Json)]
    [InlineData("JSON", ConsoleFormatterNames.Json)]
    [InlineData("text", ConsoleFormatterNames.Simple)]
    [InlineData(null, ConsoleFormatterNames.Simple)] // the tests run as Development
    public void LoggingFormat_SelectsTheConsoleFormatter(string? format, string formatter)
    {
        WebApplicationFactory<Program> app = format is null
            ? factory.WithWebHostBuilder(_ => { })
            : factory.WithWebHostBuilder(builder => builder.UseSetting("Registry:Logging:Format", format));

        ConsoleLoggerOptions options = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(formatter, options.FormatterName);
    }

    [Fact]
    public void LoggingFormat_Unknown_StopsTheRegistryAtStartup()
    {
        WebApplicationFactory<Program> app = factory.WithWebHostBuilder(builder => builder.UseSetting("Registry:Logging:Format", "xml"));

        var e = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("Registry:Logging:Format", e.ToString(), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> WithCapture(string format) => factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Registry:Logging:Format", format);
        builder.ConfigureLogging(logging =>
        {
            logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Information);
            logging.Services.AddSingleton<ILoggerProvider, FormattedLogCapture>();
        });
    });

    private static List<string?> ScopeValues(JsonElement line, string name)
        => line.TryGetProperty("Scopes", out JsonElement scopes)
            ? [.. scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _)).Select(s => s.GetProperty(name).ToString())]
            : [];
}
