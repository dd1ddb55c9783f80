namespace Registry.Tests.Support;

/// <summary>skopeo with a private signature policy and registries.conf; registries are reached without TLS.</summary>
public sealed class SkopeoClient : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private TempDirectory? directory;
    private string? skopeo;
    private ProcessRunOptions? options;
    private ContainersConfiguration? configuration;

    public async Task InitializeAsync()
    {
        if (EndToEndEnvironment.IsDisabled)
        {
            return;
        }

        skopeo = ExternalTool.Require("skopeo", "skopeo");
        directory = TempDirectory.Create("e2e-skopeo-");
        Directory.CreateDirectory(directory.Combine("tmp"));
        configuration = await ContainersConfiguration.WriteAsync(directory.Combine("config"), CancellationToken.None);
        options = new ProcessRunOptions
        {
            Timeout = CommandTimeout,
            Environment = new Dictionary<string, string?>(configuration.Environment) { ["TMPDIR"] = directory.Combine("tmp") },
        };
    }

    /// <summary>Runs skopeo; throws with the whole output on a non-zero exit.</summary>
    internal Task<ProcessResult> Skopeo(params string[] arguments) => SkopeoAsync(arguments, CancellationToken.None);

    internal async Task<ProcessResult> SkopeoAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await SkopeoUncheckedAsync(arguments, cancellationToken);
        return result.EnsureSuccess();
    }

    /// <summary>Runs skopeo as the user of <paramref name="home"/> (its credential files); returns how it ended.</summary>
    internal Task<ProcessResult> SkopeoUncheckedAsync(IReadOnlyList<string> arguments, ClientHome home, CancellationToken cancellationToken) =>
        SkopeoUncheckedAsync(arguments, cancellationToken, home);

    internal Task<ProcessResult> SkopeoUncheckedAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, ClientHome? home = null)
    {
        if (skopeo is null || options is null || configuration is null)
        {
            throw new InvalidOperationException(
                EndToEndEnvironment.IsDisabled
                    ? $"{EndToEndEnvironment.SwitchVariable}=0: skopeo is not set up."
                    : "skopeo has not been set up.");
        }

        var environment = new Dictionary<string, string?>(options.Environment);
        foreach (var (name, value) in home?.Environment ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return ProcessRunner.RunAsync(skopeo, ["--policy", configuration.PolicyPath, .. arguments], options with { Environment = environment }, cancellationToken);
    }

    /// <summary>Writes an executable <c>skopeo</c> script at <paramref name="path"/> that runs skopeo as this client does.</summary>
    internal void WriteCommandScript(string path)
    {
        if (skopeo is null || options?.Environment is null || configuration is null)
        {
            throw new InvalidOperationException("skopeo has not been set up.");
        }

        var script = new System.Text.StringBuilder("#!/bin/bash\n");
        foreach ((string name, string? value) in options.Environment)
        {
            script.Append("export ").Append(name).Append("='").Append(value).Append("'\n");
        }

        script.Append($"exec '{skopeo}' --policy '{configuration.PolicyPath}' \"$@\"\n");
        CommandScript.Write(path, script.ToString());
    }

    public Task DisposeAsync()
    {
        directory?.Dispose();
        return Task.CompletedTask;
    }
}
