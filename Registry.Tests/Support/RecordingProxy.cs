using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Registry.Tests.Support;

/// <summary>
/// A recording reverse proxy on a loopback port in front of another HTTP server (an S3 emulator): every request is
/// recorded (method, path, query, all headers, the status it got) and forwarded with its Host header unchanged, so
/// S3 signatures made for the proxy's URL still verify. Bodies stream through both ways, never buffered whole.
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Expect", "Host",
    };

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly HttpClient _forward = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly Uri _target;
    private WebApplication? _app;

    private RecordingProxy(Uri target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>http://HOST:PORT</c> with no trailing slash, as an S3 ServiceUrl is written.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Every request answered so far, in the order they arrived.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>
    /// Awaited before each request is forwarded (null: none), e.g. to hold a request while the test kills its client;
    /// a request it cancels is not forwarded.
    /// </summary>
    public Func<HttpContext, Task>? BeforeForward { get; set; }

    /// <summary>Forgets what was recorded (e.g. the push), so a test can look at one client's pull alone.</summary>
    public void Clear() => _requests.Clear();

    /// <summary>Starts a proxy on 127.0.0.1 and a free port to <paramref name="target"/>.</summary>
    public static async Task<RecordingProxy> StartAsync(Uri target)
    {
        var proxy = new RecordingProxy(target, FreePort());
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, proxy.Port);
        });
        WebApplication app = builder.Build();
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        proxy._app = app;
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        if (BeforeForward is { } gate)
        {
            await gate(context);
        }

        HttpRequest request = context.Request;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        var target = new Uri(_target, request.Path.ToUriComponent() + request.QueryString.ToUriComponent());
        using var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), target);
        forwarded.Headers.Host = request.Host.Value;
        bool hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (hasBody)
        {
            forwarded.Content = new StreamContent(request.Body, 256 * 1024);
            if (request.ContentLength is { } length)
            {
                forwarded.Content.Headers.ContentLength = length;
            }
        }

        foreach ((string name, string value) in headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!forwarded.Headers.TryAddWithoutValidation(name, value) && forwarded.Content is not null && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                forwarded.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _forward.SendAsync(forwarded, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            Record(request, headers, StatusCodes.Status502BadGateway);
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using (response)
        {
            int status = (int)response.StatusCode;
            // Recorded before the client sees any of the answer, so a client that is done was recorded.
            Record(request, headers, status);
            context.Response.StatusCode = status;
            foreach ((string name, IEnumerable<string> values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            if (!HttpMethods.IsHead(request.Method))
            {
                await using Stream body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
                await body.CopyToAsync(context.Response.Body, 256 * 1024, context.RequestAborted);
            }
        }
    }

    private void Record(HttpRequest request, IReadOnlyDictionary<string, string> headers, int status)
        => _requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, headers, status));

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _forward.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
