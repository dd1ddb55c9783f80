using System.Diagnostics;

namespace Registry.Tests.Support;

/// <summary>
/// A private dockerd (vfs storage, no bridge, no iptables) with its socket, data and exec roots in a temp
/// directory, shared by the tests of one xunit collection. Registries on 127.0.0.0/8 are insecure by default,
/// so it pushes to and pulls from the test registry over plain HTTP without extra flags.
/// Starting dockerd needs root; a test process that is not root uses the daemon DOCKER_HOST (or the default
/// socket) names instead, if it answers.
/// </summary>
public sealed class DockerDaemon : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly OutputLog log = new(400);
    private readonly IReadOnlyList<string> extraArguments;
    private TempDirectory? directory;
    private string? host;
    private Process? daemon;
    private string? client;
    private ProcessRunOptions? options;

    public DockerDaemon()
        : this([])
    {
    }

    private DockerDaemon(IReadOnlyList<string> extraArguments) => this.extraArguments = extraArguments;

    /// <summary>The -H value of the daemon.</summary>
    public string Host => host ?? throw NotStarted();

    /// <summary>
    /// The socket of the containerd this dockerd started and manages (under its exec root), for <c>ctr --address</c>.
    /// Only a daemon of our own has one; an ambient daemon's containerd is not ours to use.
    /// </summary>
    internal string ContainerdAddress => daemon is not null && directory is not null
        ? directory.Combine("exec", "containerd", "containerd.sock")
        : throw new InvalidOperationException("Only a private dockerd started by the tests has a containerd of its own.");

    /// <summary>
    /// Starts a private dockerd of the caller's own with extra daemon arguments (e.g. <c>--registry-mirror</c>, whose
    /// value depends on a port known only at run time); the caller disposes it. Needs root.
    /// </summary>
    internal static async Task<DockerDaemon> StartPrivateAsync(params string[] extraArguments)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("A dockerd with its own arguments can only be started as root; run the end-to-end tests as root.");
        }

        var started = new DockerDaemon(extraArguments);
        try
        {
            await started.InitializeAsync();
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines dockerd printed.</summary>
    public string RecentLog(int maxLines = 200) => log.Tail(maxLines);

    public async Task InitializeAsync()
    {
        if (EndToEndEnvironment.IsDisabled)
        {
            return;
        }

        client = ExternalTool.Require("docker", "docker.io");
        directory = TempDirectory.Create("e2e-dockerd-");
        Directory.CreateDirectory(directory.Combine("config"));
        options = new ProcessRunOptions
        {
            Timeout = CommandTimeout,
            Environment = new Dictionary<string, string?>
            {
                ["DOCKER_HOST"] = null,
                ["DOCKER_CONTEXT"] = null,
                ["DOCKER_CONFIG"] = directory.Combine("config"),
                ["DOCKER_BUILDKIT"] = "0",
                ["DOCKER_CLI_HINTS"] = "false",
            },
        };

        if (!Environment.IsPrivilegedProcess)
        {
            await UseAmbientDaemonAsync();
            return;
        }

        var dockerd = ExternalTool.Require("dockerd", "docker.io");
        host = "unix://" + directory.Combine("docker.sock");
        var startInfo = new ProcessStartInfo(dockerd)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "--storage-driver", "vfs",
                     "--iptables=false",
                     "--bridge=none",
                     "--host", Host,
                     "--data-root", directory.Combine("root"),
                     "--exec-root", directory.Combine("exec"),
                     "--pidfile", directory.Combine("docker.pid"),
                 }.Concat(extraArguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        daemon = new Process { StartInfo = startInfo };
        daemon.OutputDataReceived += (_, e) => log.Add(e.Data);
        daemon.ErrorDataReceived += (_, e) => log.Add(e.Data);
        daemon.Start();
        daemon.StandardInput.Close();
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();

        await WaitUntilReadyAsync();
        await EnsureLoopbackRegistriesAreInsecureAsync();
    }

    /// <summary>Runs the docker client against this daemon; throws with the whole output on a non-zero exit.</summary>
    internal Task<ProcessResult> Docker(params string[] arguments) => DockerAsync(arguments, CancellationToken.None);

    internal async Task<ProcessResult> DockerAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await DockerUncheckedAsync(arguments, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"docker failed.\n{result.Describe()}\n--- dockerd log (last lines) ---\n{RecentLog(60)}");
        }

        return result;
    }

    /// <summary>Runs the docker client against this daemon and returns how it ended, whatever its exit code.</summary>
    internal Task<ProcessResult> DockerUncheckedAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunClientAsync(arguments, standardInput: null, cancellationToken);

    /// <summary>
    /// <c>docker login REGISTRY -u USER --password-stdin</c>, as a user signs in. The credentials (or the identity
    /// token the registry returns) land in this daemon's private DOCKER_CONFIG, so every later docker command
    /// against that registry uses them. Returns how it ended, whatever its exit code.
    /// </summary>
    internal Task<ProcessResult> LoginUncheckedAsync(string registry, string userName, string password, CancellationToken cancellationToken) =>
        RunClientAsync(["login", registry, "--username", userName, "--password-stdin"], password, cancellationToken);

    /// <summary><c>docker login</c>; throws with the whole output when it fails.</summary>
    internal async Task LoginAsync(string registry, string userName, string password, CancellationToken cancellationToken = default)
    {
        var result = await LoginUncheckedAsync(registry, userName, password, cancellationToken);
        if (!result.Succeeded || !result.StandardOutput.Contains("Login Succeeded", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"docker login {registry} as '{userName}' failed.\n{result.Describe()}");
        }
    }

    /// <summary>Signs in to the test registry as its <c>admin</c>, as the tests that are not about access control do.</summary>
    internal Task LoginAsync(RegistryProcess registry, CancellationToken cancellationToken = default) =>
        LoginAsync(registry.HostPort, "admin", registry.AdminPassword, cancellationToken);

    /// <summary>
    /// Writes an executable <c>docker</c> script at <paramref name="path"/> that runs the docker client against this
    /// daemon; its credentials go to whatever DOCKER_CONFIG the caller's environment names.
    /// </summary>
    internal void WriteCommandScript(string path)
    {
        if (client is null)
        {
            throw NotStarted();
        }

        CommandScript.Write(path, $"#!/bin/bash\nexport DOCKER_BUILDKIT=0 DOCKER_CLI_HINTS=false\nunset DOCKER_CONTEXT\nexec '{client}' -H '{Host}' \"$@\"\n");
    }

    /// <summary><c>docker logout REGISTRY</c>: later commands against it are anonymous.</summary>
    internal Task LogoutAsync(string registry) => Docker("logout", registry);

    /// <summary>
    /// Runs the docker client against this daemon as the user of <paramref name="home"/>: its DOCKER_CONFIG instead
    /// of the daemon's private one. Returns how it ended, whatever its exit code.
    /// </summary>
    internal Task<ProcessResult> DockerUncheckedAsync(IReadOnlyList<string> arguments, ClientHome home, string? standardInput, CancellationToken cancellationToken) =>
        RunClientAsync(arguments, standardInput, cancellationToken, home);

    private Task<ProcessResult> RunClientAsync(IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken, ClientHome? home = null)
    {
        if (client is null || options is null)
        {
            throw NotStarted();
        }

        var environment = new Dictionary<string, string?>(options.Environment);
        foreach (var (name, value) in home?.Environment ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return ProcessRunner.RunAsync(
            client, ["-H", Host, .. arguments], options with { StandardInput = standardInput, Environment = environment }, cancellationToken);
    }

    public async Task DisposeAsync()
    {
        if (daemon is not null)
        {
            await StopAsync(daemon);
            daemon.Dispose();
        }

        if (directory is not null)
        {
            await MountPoints.UnmountBelowAsync(directory.Path);
            directory.Dispose();
        }
    }

    private async Task UseAmbientDaemonAsync()
    {
        host = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } configured ? configured : "unix:///var/run/docker.sock";
        var info = await ProcessRunner.RunAsync(
            client!, ["-H", host, "info", "--format", "{{.ServerVersion}}"], options! with { Timeout = TimeSpan.FromSeconds(20) });
        if (!info.Succeeded)
        {
            throw new InvalidOperationException(
                "The end-to-end tests start a private dockerd, which needs root, and this test process is not root. " +
                $"Without root they use the docker daemon at {host}, which did not answer. Run ./test.sh as root (sudo), " +
                $"start a docker daemon you may use, or set {EndToEndEnvironment.SwitchVariable}=0 to skip these tests.\n{info.Describe()}");
        }

        await EnsureLoopbackRegistriesAreInsecureAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        var started = Stopwatch.GetTimestamp();
        ProcessResult? last = null;
        while (Stopwatch.GetElapsedTime(started) < StartupTimeout)
        {
            if (daemon!.HasExited)
            {
                throw new InvalidOperationException(
                    $"dockerd exited with code {daemon.ExitCode} while starting.\n--- dockerd log ---\n{RecentLog()}");
            }

            last = await ProcessRunner.RunAsync(
                client!, ["-H", Host, "info", "--format", "{{.ServerVersion}}"], options! with { Timeout = TimeSpan.FromSeconds(20) });
            if (last.Succeeded)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException(
            $"dockerd did not answer 'docker info' within {StartupTimeout.TotalSeconds:F0} s.\n" +
            $"{last?.Describe()}\n--- dockerd log ---\n{RecentLog()}");
    }

    private async Task EnsureLoopbackRegistriesAreInsecureAsync()
    {
        var result = await DockerAsync(["info", "--format", "{{json .RegistryConfig.InsecureRegistryCIDRs}}"], CancellationToken.None);
        if (!result.StandardOutput.Contains("127.0.0.0/8", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "dockerd does not treat 127.0.0.0/8 as an insecure (plain HTTP) registry range, which the end-to-end " +
                $"tests rely on. InsecureRegistryCIDRs: {result.StandardOutput.Trim()}");
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static InvalidOperationException NotStarted() =>
        new(EndToEndEnvironment.IsDisabled
            ? $"{EndToEndEnvironment.SwitchVariable}=0: the docker daemon was not started."
            : "The docker daemon has not been started.");
}
