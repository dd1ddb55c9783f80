using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Registry.Tests.Support;

/// <summary>
/// <c>python3 -m http.server</c> over a folder on a free loopback port: a plain static upstream (no checksum headers,
/// no metadata API) for remote repositories. <see cref="RequestedPaths"/> are the paths it was asked for.
/// </summary>
internal sealed class StaticHttpServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private StaticHttpServer(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The request paths in the server's access log (<c>"GET /a/b HTTP/1.1" 200</c>).</summary>
    public IReadOnlyList<string> RequestedPaths => [.. _log.Select(line => line.Split('"')).Where(p => p.Length > 1).Select(p => p[1])];

    public static async Task<StaticHttpServer> StartAsync(string folder)
    {
        string python = ExternalTool.Require("python3", "python3");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo(python, ["-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", folder])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3 -m http.server");
        var server = new StaticHttpServer(process, new Uri($"http://127.0.0.1:{port}/"));
        process.ErrorDataReceived += (_, e) => server.Add(e.Data);
        process.OutputDataReceived += (_, e) => server.Add(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var http = new HttpClient();
        for (var waited = Stopwatch.StartNew(); ; await Task.Delay(100))
        {
            try
            {
                using HttpResponseMessage response = await http.GetAsync(server.Url);
                return server;
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }
}
