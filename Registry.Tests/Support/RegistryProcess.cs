using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Registry.Tests.Support;

/// <summary>
/// The real registry (Registry.Api.dll from the test's build output) running as a separate OS process on a free
/// loopback port, with a fresh data directory. It can be killed and started again on the same port and data, as
/// after a crash. Dispose kills it and deletes the directory.
/// </summary>
internal sealed partial class RegistryProcess : IAsyncDisposable
{
    private const string ApiVersionHeader = "Docker-Distribution-API-Version";
    private const string AdminPasswordVariable = "Registry__Auth__AdminPassword";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly string assembly;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly bool generatesAdminPassword;
    private readonly OutputLog log = new(4000);
    private Process? process;

    private RegistryProcess(string assembly, IReadOnlyDictionary<string, string> environment, bool generatesAdminPassword, int port, string dataPath)
    {
        this.assembly = assembly;
        this.environment = environment;
        this.generatesAdminPassword = generatesAdminPassword;
        Port = port;
        DataPath = dataPath;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseUri { get; }

    public int Port { get; }

    /// <summary>"127.0.0.1:PORT", the registry part of an image reference.</summary>
    public string HostPort => $"127.0.0.1:{Port}";

    /// <summary>The registry's data directory (Registry__Storage__Path).</summary>
    public string DataPath { get; }

    public int ProcessId => Current.Id;

    public bool HasExited => Current.HasExited;

    private Process Current => process ?? throw new InvalidOperationException("The registry process is not running.");

    /// <summary>The last lines the registry printed (across restarts).</summary>
    public string RecentOutput(int maxLines = 400) => log.Tail(maxLines);

    /// <summary>
    /// Starts the registry with the admin password <see cref="DefaultAdminPassword"/> (unless the environment sets
    /// another) and waits until GET /v2/ as admin answers 200 with the distribution API header.
    /// </summary>
    /// <param name="environment">Extra environment variables, e.g. Registry__Uploads__MaxAge.</param>
    public static Task<RegistryProcess> StartAsync(
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default) =>
        StartCoreAsync(environment, generatesAdminPassword: false, cancellationToken);

    /// <summary>
    /// Starts the registry as an operator who chose no admin password: without Registry__Auth__AdminPassword, so that
    /// its first start generates one and prints it once on standard output (read it from <see cref="RecentOutput"/>).
    /// It is ready when an anonymous GET /v2/ answers the 401 challenge with the distribution API header.
    /// <see cref="AdminPassword"/> and <see cref="CreateClient(TimeSpan?)"/> are not available then.
    /// </summary>
    /// <param name="environment">Extra environment variables (without Registry__Auth__AdminPassword).</param>
    public static Task<RegistryProcess> StartWithGeneratedAdminPasswordAsync(
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default) =>
        StartCoreAsync(environment, generatesAdminPassword: true, cancellationToken);

    private static async Task<RegistryProcess> StartCoreAsync(
        IReadOnlyDictionary<string, string>? environment,
        bool generatesAdminPassword,
        CancellationToken cancellationToken)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "Registry.Api.dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException(
                $"{assembly} does not exist. The test project references Registry.Api so that the build copies it there; build the solution first.");
        }

        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var dataPath = TempDirectory.Create("registry-e2e-").Path;
            var registry = new RegistryProcess(
                assembly, environment ?? new Dictionary<string, string>(), generatesAdminPassword, FreeLoopbackPort(), dataPath);
            try
            {
                await registry.LaunchAsync(cancellationToken);
                return registry;
            }
            catch (RegistryStartException) when (attempt < attempts && registry.PortWasTaken())
            {
                // Another process took the port between our probe and the registry's bind: try another one.
                await registry.DisposeAsync();
            }
            catch
            {
                await registry.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Kills the registry (SIGKILL, no graceful shutdown, as in a crash) and starts it again on the same port and
    /// data directory, waiting until it answers.
    /// </summary>
    public Task RestartAfterKillAsync(CancellationToken cancellationToken) => RestartAsync(graceful: false, cancellationToken);

    /// <summary>
    /// Stops the registry gracefully (SIGTERM, as an operator's restart does) and starts it again on the same port
    /// and data directory, waiting until it answers.
    /// </summary>
    public Task RestartAsync(CancellationToken cancellationToken) => RestartAsync(graceful: true, cancellationToken);

    /// <summary>
    /// Kills the registry with SIGKILL (no graceful shutdown: nothing is flushed or released, as in a crash or
    /// <c>kill -9</c>) and waits until it has exited. <see cref="StartAgainAsync"/> starts it again.
    /// </summary>
    public async Task KillAsync()
    {
        await StopAsync(graceful: false);
        log.Add("--- the test killed the registry (SIGKILL) ---");
    }

    /// <summary>
    /// The node id this process holds leases as starts with this ("machine/pid/", then a random part): see the
    /// registry's <c>NodeIdentity</c>.
    /// </summary>
    public string NodeIdPrefix => $"{Environment.MachineName}/{ProcessId}/";

    /// <summary>Starts the registry again, after <see cref="KillAsync"/>, on the same port and data directory, waiting until it answers.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        if (process is not null)
        {
            throw new InvalidOperationException("The registry is still running; kill it first.");
        }

        log.Add("--- the test starts the registry again ---");
        await LaunchAgainAsync(cancellationToken);
    }

    private async Task RestartAsync(bool graceful, CancellationToken cancellationToken)
    {
        await StopAsync(graceful);
        log.Add(graceful
            ? "--- the test stopped the registry (SIGTERM) and starts it again ---"
            : "--- the test killed the registry (SIGKILL) and starts it again ---");
        await LaunchAgainAsync(cancellationToken);
    }

    private async Task LaunchAgainAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await LaunchAsync(cancellationToken);
                return;
            }
            catch (RegistryStartException) when (PortWasTaken() && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
            {
                // The old socket may linger for a moment.
                await StopAsync(graceful: false);
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    public Task<ProcessMemorySnapshot> ReadMemoryAsync(CancellationToken cancellationToken) =>
        ProcessMemory.ReadAsync(ProcessId, cancellationToken);

    /// <summary>Where the registry keeps a blob's bytes: DataPath/blobs/sha256/XX/HEX.</summary>
    public string BlobPath(string digest)
    {
        var hex = Digests.Hex(digest);
        return Path.Combine(DataPath, "blobs", "sha256", hex[..2], hex);
    }

    /// <summary>The blob files stored under DataPath/blobs/sha256/XX/HEX, as their digests.</summary>
    public IReadOnlySet<string> StoredBlobDigests()
    {
        var root = Path.Combine(DataPath, "blobs", "sha256");
        var digests = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return digests;
        }

        foreach (var prefixDirectory in Directory.EnumerateDirectories(root))
        {
            var prefix = Path.GetFileName(prefixDirectory);
            if (prefix.Length != 2)
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(prefixDirectory))
            {
                var name = Path.GetFileName(file);
                if (name.Length == 64 && name.StartsWith(prefix, StringComparison.Ordinal) && name.All(char.IsAsciiHexDigitLower))
                {
                    digests.Add("sha256:" + name);
                }
            }
        }

        return digests;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(graceful: true);
        TempDirectory.DeleteQuietly(DataPath);
    }

    /// <summary>
    /// Stops the process: gracefully means SIGTERM and up to 10 s for ASP.NET Core to shut down, then SIGKILL.
    /// </summary>
    private async Task StopAsync(bool graceful)
    {
        if (process is null)
        {
            return;
        }

        var id = -1;
        try
        {
            id = process.Id;
            if (graceful && !process.HasExited)
            {
                await ProcessRunner.RunAsync("kill", ["-TERM", id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    log.Add("--- the registry did not stop within 10 s of SIGTERM; killing it ---");
                }
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(wait.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        catch (OperationCanceledException)
        {
            // Left behind; nothing more to do.
        }

        process.Dispose();
        process = null;
        if (id > 0)
        {
            DeleteRuntimeLeftovers(id);
        }
    }

    /// <summary>A killed .NET process leaves its debugger pipes and diagnostics socket in the temp directory.</summary>
    private static void DeleteRuntimeLeftovers(int id)
    {
        foreach (var pattern in new[] { $"clr-debug-pipe-{id}-*", $"dotnet-diagnostic-{id}-*" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.GetTempPath(), pattern))
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private bool PortWasTaken() => RecentOutput(50).Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(assembly);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{Port}");
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["Registry__Storage__Path"] = DataPath;
        if (generatesAdminPassword)
        {
            startInfo.Environment.Remove(AdminPasswordVariable);
        }
        else
        {
            startInfo.Environment[AdminPasswordVariable] = DefaultAdminPassword;
        }

        // One line per request (method, URL, status) so that a failing test shows what the client asked.
        startInfo.Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
        startInfo.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var started = new Process { StartInfo = startInfo };
        started.OutputDataReceived += (_, e) => log.Add(e.Data);
        started.ErrorDataReceived += (_, e) => log.Add(e.Data);
        started.Start();
        started.StandardInput.Close();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        await WaitUntilReadyAsync(started, cancellationToken);
    }

    private async Task WaitUntilReadyAsync(Process started, CancellationToken cancellationToken)
    {
        // Without the admin password, the registry is ready when it challenges an anonymous client.
        using var client = generatesAdminPassword ? CreateAnonymousClient(TimeSpan.FromSeconds(5)) : CreateClient(TimeSpan.FromSeconds(5));
        var expected = generatesAdminPassword ? HttpStatusCode.Unauthorized : HttpStatusCode.OK;
        var since = Stopwatch.GetTimestamp();
        var lastAnswer = "no answer yet";
        while (Stopwatch.GetElapsedTime(since) < StartupTimeout)
        {
            if (started.HasExited)
            {
                throw new RegistryStartException(
                    $"The registry exited with code {started.ExitCode} before it answered GET /v2/.\n{RecentOutput()}");
            }

            try
            {
                using var response = await client.GetAsync("v2/", cancellationToken);
                var version = response.Headers.TryGetValues(ApiVersionHeader, out var values) ? string.Join(",", values) : null;
                if (response.StatusCode == expected && version == "registry/2.0")
                {
                    return;
                }

                lastAnswer = $"{(int)response.StatusCode} {response.StatusCode}, {ApiVersionHeader}: {version ?? "(missing)"}";
            }
            catch (HttpRequestException exception)
            {
                lastAnswer = exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastAnswer = "GET /v2/ timed out";
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new RegistryStartException(
            $"The registry did not answer GET /v2/ with {(int)expected} and '{ApiVersionHeader}: registry/2.0' within " +
            $"{StartupTimeout.TotalSeconds:F0} s (last answer: {lastAnswer}).\n{RecentOutput()}");
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? ExternalTool.Find("dotnet") ?? "dotnet";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
