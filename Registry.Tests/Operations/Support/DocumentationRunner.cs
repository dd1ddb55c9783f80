using Registry.Tests.Support;

namespace Registry.Tests.Operations;

/// <summary>
/// Runs the shell examples of one document against a live registry process, as a reader types them: one bash
/// session per document, blocks in order, so the variables and files of a block reach the next ones. The examples'
/// conventions: <c>$REGISTRY</c> is the registry's host:port (http), <c>$PASSWORD</c> the admin's password. Under the
/// runner, curl fails on an HTTP error status (--fail-with-body), so an example that answers 4xx or 5xx fails; a
/// failure names the document and the line of the failing block's fence.
/// </summary>
internal static class DocumentationRunner
{
    /// <summary>Documents whose examples need only curl (and the usual shell tools).</summary>
    public static readonly string[] CurlDocuments =
    [
        "docs/airgap.md",
        "docs/artifacts.md",
        "docs/catalog.md",
        "docs/preheat.md",
        "docs/remotes.md",
        "docs/replication.md",
        "docs/retention.md",
        "docs/webhooks.md",
    ];

    /// <summary>Documents whose examples drive the package clients npm, pip and dotnet (run by the end-to-end tests).</summary>
    public static readonly string[] PackageDocuments =
    [
        "docs/packages.md",
    ];

    /// <summary>Documents whose examples also drive docker, podman and skopeo (run by the end-to-end tests).</summary>
    public static readonly string[] ClientDocuments =
    [
        "README.md",
        "docs/auth.md",
        "docs/deploy.md",
    ];

    private const string Prelude = """
        set -euo pipefail
        curl() { command curl --silent --show-error --fail-with-body "$@"; }

        """;

    public static async Task RunAsync(string document, RegistryProcess registry, TempDirectory work, IReadOnlyDictionary<string, string?>? environment = null)
    {
        IReadOnlyList<ShellExample> examples = ShellExample.ReadAll(document);
        Assert.NotEmpty(examples);
        Directory.CreateDirectory(work.Combine(".docker"));
        var variables = new Dictionary<string, string?>
        {
            ["REGISTRY"] = registry.HostPort,
            ["PASSWORD"] = registry.AdminPassword,
            ["DOCKER_CONFIG"] = work.Combine(".docker"),
        };
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        var options = new ProcessRunOptions { WorkingDirectory = work.Path, Timeout = TimeSpan.FromMinutes(5), Environment = variables };
        var script = new System.Text.StringBuilder(Prelude);
        script.Append("trap 'echo \"example at ").Append(document).Append(":$example_line failed (exit $?)\" >&2' ERR\n");
        foreach (ShellExample example in examples.Where(e => e.SkipReason is null))
        {
            script.Append("example_line=").Append(example.Line).Append('\n').Append(example.Script);
        }

        ProcessResult result = await ProcessRunner.RunAsync("bash", ["-c", script.ToString()], options);
        Assert.True(result.Succeeded, $"{result.Describe()}\n--- registry ---\n{registry.RecentOutput(40)}");
    }
}
