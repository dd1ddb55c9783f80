namespace Registry.Tests.Support;

/// <summary>
/// podman as root with vfs storage in a private --root/--runroot, so the tests neither see nor touch the machine's
/// images. Talks to the test registry with --tls-verify=false.
/// </summary>
public sealed class PodmanClient : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private TempDirectory? directory;
    private string? podman;
    private ProcessRunOptions? options;
    private ContainersConfiguration? configuration;

    public async Task InitializeAsync()
    {
        if (EndToEndEnvironment.IsDisabled)
        {
            return;
        }

        podman = ExternalTool.Require("podman", "podman");
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "The podman end-to-end tests need root: they keep images in a private vfs store and read them with " +
                $"'podman image mount'. Run ./test.sh as root (sudo), or set {EndToEndEnvironment.SwitchVariable}=0 to skip them.");
        }

        directory = TempDirectory.Create("e2e-podman-");
        Directory.CreateDirectory(directory.Combine("tmp"));
        configuration = await ContainersConfiguration.WriteAsync(directory.Combine("config"), CancellationToken.None);
        await File.WriteAllTextAsync(
            directory.Combine("config", "storage.conf"),
            $"[storage]\ndriver = \"vfs\"\nrunroot = \"{directory.Combine("run")}\"\ngraphroot = \"{directory.Combine("root")}\"\n");
        var environment = new Dictionary<string, string?>(configuration.Environment)
        {
            ["CONTAINERS_STORAGE_CONF"] = directory.Combine("config", "storage.conf"),
            ["TMPDIR"] = directory.Combine("tmp"),
        };
        options = new ProcessRunOptions { Timeout = CommandTimeout, Environment = environment };
    }

    /// <summary>The policy file to pass as --signature-policy to pull and push.</summary>
    public string SignaturePolicy => configuration?.PolicyPath ?? throw NotStarted();

    /// <summary>Runs podman with the private storage; throws with the whole output on a non-zero exit.</summary>
    internal Task<ProcessResult> Podman(params string[] arguments) => PodmanAsync(arguments, CancellationToken.None);

    internal async Task<ProcessResult> PodmanAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await PodmanUncheckedAsync(arguments, cancellationToken);
        return result.EnsureSuccess();
    }

    internal Task<ProcessResult> PodmanUncheckedAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(arguments, standardInput: null, cancellationToken);

    /// <summary>
    /// <c>podman login --tls-verify=false REGISTRY -u USER --password-stdin</c>, as a user signs in; the credentials
    /// land in this client's private auth file (REGISTRY_AUTH_FILE). Returns how it ended, whatever its exit code.
    /// </summary>
    internal Task<ProcessResult> LoginUncheckedAsync(string registry, string userName, string password, CancellationToken cancellationToken) =>
        RunAsync(["login", "--tls-verify=false", "--username", userName, "--password-stdin", registry], password, cancellationToken);

    /// <summary><c>podman login</c>; throws with the whole output when it fails.</summary>
    internal async Task LoginAsync(string registry, string userName, string password, CancellationToken cancellationToken = default)
    {
        var result = await LoginUncheckedAsync(registry, userName, password, cancellationToken);
        result.EnsureSuccess();
    }

    /// <summary>Signs in to the test registry as its <c>admin</c>, as the tests that are not about access control do.</summary>
    internal Task LoginAsync(RegistryProcess registry, CancellationToken cancellationToken = default) =>
        LoginAsync(registry.HostPort, "admin", registry.AdminPassword, cancellationToken);

    /// <summary><c>podman logout REGISTRY</c>.</summary>
    internal Task LogoutAsync(string registry) => Podman("logout", registry);

    /// <summary>
    /// Runs podman with the private storage as the user of <paramref name="home"/>: credentials in that home's
    /// auth.json, docker's config.json beside it. Returns how it ended, whatever its exit code.
    /// </summary>
    internal Task<ProcessResult> PodmanUncheckedAsync(IReadOnlyList<string> arguments, ClientHome home, string? standardInput, CancellationToken cancellationToken) =>
        RunAsync(arguments, standardInput, cancellationToken, home);

    private Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken, ClientHome? home = null)
    {
        if (podman is null || options is null || directory is null)
        {
            throw NotStarted();
        }

        var environment = new Dictionary<string, string?>(options.Environment);
        foreach (var (name, value) in home?.Environment ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return ProcessRunner.RunAsync(
            podman, [.. GlobalArguments(), .. arguments], options with { StandardInput = standardInput, Environment = environment }, cancellationToken);
    }

    /// <summary>
    /// Writes an executable <c>podman</c> script at <paramref name="path"/> that runs podman as this client does (private
    /// storage, registries.conf, auth file, signature policy for pull and push), for examples typed as a reader would.
    /// </summary>
    internal void WriteCommandScript(string path)
    {
        if (podman is null || options?.Environment is null || directory is null || configuration is null)
        {
            throw NotStarted();
        }

        var script = new System.Text.StringBuilder("#!/bin/bash\n");
        foreach ((string name, string? value) in options.Environment)
        {
            script.Append("export ").Append(name).Append("='").Append(value).Append("'\n");
        }

        string global = string.Join(' ', GlobalArguments().Select(argument => $"'{argument}'"));
        script.Append($"command=$1; shift\n");
        script.Append($"case \"$command\" in pull|push) exec '{podman}' {global} \"$command\" --signature-policy '{configuration.PolicyPath}' \"$@\";;\n");
        script.Append($"  *) exec '{podman}' {global} \"$command\" \"$@\";;\nesac\n");
        CommandScript.Write(path, script.ToString());
    }

    private string[] GlobalArguments() =>
    [
        "--root", directory!.Combine("root"),
        "--runroot", directory.Combine("run"),
        "--storage-driver", "vfs",
        "--tmpdir", directory.Combine("tmp"),
        "--cgroup-manager", "cgroupfs",
        "--events-backend", "file",
    ];

    public async Task DisposeAsync()
    {
        if (directory is not null)
        {
            await MountPoints.UnmountBelowAsync(directory.Path);
            directory.Dispose();
        }
    }

    private static InvalidOperationException NotStarted() =>
        new(EndToEndEnvironment.IsDisabled
            ? $"{EndToEndEnvironment.SwitchVariable}=0: podman is not set up."
            : "podman has not been set up.");
}
