using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Registry.Tests.Support;

/// <summary>
/// A tiny HTTP server on a loopback port that plays an upstream registry (or an object store it redirects to): the
/// test answers each request with <see cref="Handler"/>, and every request's method, path and headers are recorded,
/// so a test can count upstream fetches and see which credentials arrived where.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeUpstreamRequest> _requests = new();
    private WebApplication? _app;

    private FakeUpstream(int port) => Port = port;

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>Answers each request; by default 404.</summary>
    public Func<HttpContext, Task> Handler { get; set; } = context =>
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    };

    public IReadOnlyList<FakeUpstreamRequest> Requests => [.. _requests];

    public int Count(string method, string path) => Requests.Count(r => r.Method == method && r.Path == path);

    public static async Task<FakeUpstream> StartAsync()
    {
        var upstream = new FakeUpstream(FreePort());
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{upstream.Port}");
        WebApplication app = builder.Build();
        app.Run(async context =>
        {
            upstream._requests.Enqueue(new FakeUpstreamRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
                context.Request.Headers.Range.ToString() is { Length: > 0 } range ? range : null));
            await upstream.Handler(context);
        });
        await app.StartAsync();
        upstream._app = app;
        return upstream;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One request a <see cref="FakeUpstream"/> received.</summary>
public sealed record FakeUpstreamRequest(string Method, string Path, string Query, string? Authorization, string? Range);
