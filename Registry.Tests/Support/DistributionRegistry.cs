using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Registry.Tests.Support;

/// <summary>
/// CNCF Distribution (<c>docker-registry serve</c>) on a loopback port with a filesystem store in a scratch
/// directory, anonymous and without TLS; stopped (its process tree killed) when disposed.
/// </summary>
internal sealed class DistributionRegistry : IAsyncDisposable
{
    private readonly Process _process;

    private DistributionRegistry(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string HostPort => $"127.0.0.1:{Port}";

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public static async Task<DistributionRegistry> StartAsync(string directory)
    {
        string binary = ExternalTool.Require("docker-registry", "docker-registry");
        int port = FreePort();
        string config = Path.Combine(directory, "distribution.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "distribution-data")}
            http:
              addr: 127.0.0.1:{port}
            """);
        Process process = Process.Start(new ProcessStartInfo(binary, ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var registry = new DistributionRegistry(process, port);
        try
        {
            await registry.WaitReadyAsync();
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUri };
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using HttpResponseMessage response = await http.GetAsync("v2/");
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("docker-registry did not start");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
