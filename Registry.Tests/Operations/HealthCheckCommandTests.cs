using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Commands;

namespace Registry.Tests.Operations;

public sealed class HealthCheckCommandTests
{
    [Theory]
    [InlineData("http://10.0.0.5:8080", null, null, "http://10.0.0.5:8080/healthz")]
    [InlineData("http://localhost:5000/healthz", null, null, "http://localhost:5000/healthz")]
    [InlineData(null, "http://+:5000", null, "http://127.0.0.1:5000/healthz")]
    [InlineData(null, "https://*:5001;http://0.0.0.0:5002", null, "http://127.0.0.1:5002/healthz")]
    [InlineData(null, "http://[::]:5003", null, "http://127.0.0.1:5003/healthz")]
    [InlineData(null, "http://localhost:5004/", "9999", "http://localhost:5004/healthz")]
    [InlineData(null, null, "5005;5006", "http://127.0.0.1:5005/healthz")]
    [InlineData(null, null, null, "http://127.0.0.1:5000/healthz")]
    public void ProbeUri_FollowsTheSettingsKestrelListensBy(string? explicitUrl, string? urls, string? ports, string expected)
        => Assert.Equal(new Uri(expected), HealthCheckCommand.ProbeUri(explicitUrl, urls, ports));

    [Theory]
    [InlineData(new[] { "--healthcheck" }, null)]
    [InlineData(new[] { "--healthcheck", "http://localhost:1" }, "http://localhost:1")]
    public void CommandLine_HealthcheckOption_TakesAnOptionalUrl(string[] args, string? url)
    {
        System.CommandLine.ParseResult parse = RegistryCommandLine.Parse(args);

        Assert.Empty(parse.Errors);
        Assert.Empty(parse.UnmatchedTokens);
        Assert.Equal(url, parse.GetValue<string?>("--healthcheck"));
        Assert.NotNull(parse.GetResult("--healthcheck"));
    }

    [Fact]
    public void CommandLine_WithOnlySettings_IsNoHealthcheck()
    {
        System.CommandLine.ParseResult parse = RegistryCommandLine.Parse(["--urls", "http://+:5000", "--Registry:Storage:Path=/data"]);

        Assert.Empty(parse.Errors);
        Assert.Null(parse.GetResult("--healthcheck"));
        Assert.Equal(["--urls", "http://+:5000", "--Registry:Storage:Path=/data"], parse.UnmatchedTokens);
        Assert.Null(SettingsArguments.Problem(parse.UnmatchedTokens));
    }

    [Theory]
    [InlineData(200, 0)]
    [InlineData(503, 1)]
    public async Task Run_AgainstAServer_ExitsZeroOnlyWhenHealthzAnswers200(int status, int exitCode)
    {
        await using WebApplication server = await StartServerAsync(status);
        string address = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var output = new StringWriter();

        int result = await HealthCheckCommand.RunAsync(address, output, CancellationToken.None);

        Assert.Equal(exitCode, result);
        Assert.Equal(exitCode == 0, output.ToString().Length == 0);
    }

    [Fact]
    public async Task Run_WhenNothingListens_ExitsOne()
    {
        // A port that was free a moment ago: bind, read the port, release.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var output = new StringWriter();

        int result = await HealthCheckCommand.RunAsync($"http://127.0.0.1:{port}", output, CancellationToken.None);

        Assert.Equal(1, result);
        Assert.Contains("did not answer", output.ToString(), StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartServerAsync(int status)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        app.MapGet("/healthz", () => Results.StatusCode(status));
        await app.StartAsync();
        return app;
    }
}
