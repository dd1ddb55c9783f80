using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Registry.Tests.Support;

/// <summary>
/// A webhook receiver for tests: a small Kestrel server on a fixed loopback port that records every POST to
/// <c>/hook</c>, checks its <c>X-Registry-Signature-256</c> against the secret the way a real receiver would
/// (HMAC-SHA256 of the exact body, compared in constant time), and answers 200, or 500 while
/// <see cref="FailNext"/> is above zero or <see cref="FailAll"/> is set. It can be stopped and started again on the
/// same port, to play a receiver that is down.
/// </summary>
public sealed class WebhookReceiver(string secret) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedWebhook> _received = [];
    private WebApplication? _app;
    private int _failNext;

    public int Port { get; } = FreePort();

    public string Url => $"http://127.0.0.1:{Port}/hook";

    public string Secret => secret;

    /// <summary>How many of the next requests are answered 500.</summary>
    public int FailNext
    {
        get => Volatile.Read(ref _failNext);
        set => Volatile.Write(ref _failNext, value);
    }

    /// <summary>While set, every request is answered 500.</summary>
    public bool FailAll { get; set; }

    public bool IsRunning => _app is not null;

    /// <summary>Every request so far, answered or refused, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The requests answered 2xx: what the receiver took.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. Received.Where(r => r.Accepted)];

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var receiver = new WebhookReceiver(secret);
        await receiver.StartAsync();
        return receiver;
    }

    public async Task StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        WebApplication app = builder.Build();
        app.MapPost("/hook", ReceiveAsync);
        await app.StartAsync();
        _app = app;
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

    /// <summary>Waits until the accepted requests satisfy the condition; fails with what arrived when they do not in time.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAcceptedAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            IReadOnlyList<ReceivedWebhook> accepted = Accepted;
            if (condition(accepted))
            {
                return accepted;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                Assert.Fail($"The receiver did not get {what} within {timeout.TotalSeconds:0} s. It accepted {accepted.Count} of {Received.Count} requests:\n" +
                    string.Join('\n', Received.Select(r => $"{r.AnsweredStatus} {Encoding.UTF8.GetString(r.Body)}")));
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The events of every accepted request.</summary>
    public IReadOnlyList<System.Text.Json.JsonElement> AcceptedEvents() => [.. Accepted.SelectMany(r => r.Events())];

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        byte[] bytes = body.ToArray();
        string? signature = context.Request.Headers["X-Registry-Signature-256"];
        int status = FailAll || Interlocked.Decrement(ref _failNext) >= 0 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        if (status == StatusCodes.Status200OK)
        {
            Interlocked.Exchange(ref _failNext, 0);
        }

        var received = new ReceivedWebhook(
            bytes,
            context.Request.ContentType,
            signature,
            IsValid(secret, bytes, signature),
            context.Request.Headers["X-Registry-Event"],
            context.Request.Headers["X-Registry-Delivery"],
            context.Request.Headers["X-Registry-Delivery-Attempt"],
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            status);
        lock (_lock)
        {
            _received.Add(received);
        }

        context.Response.StatusCode = status;
    }

    /// <summary>What a receiver does: recompute the HMAC over the raw body and compare in constant time.</summary>
    public static bool IsValid(string secret, byte[] body, string? header)
    {
        if (header is null || !header.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return false;
        }

        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        byte[] actual;
        try
        {
            actual = Convert.FromHexString(header["sha256=".Length..]);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
