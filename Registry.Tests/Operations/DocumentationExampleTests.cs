using Registry.Tests.Support;

namespace Registry.Tests.Operations;

/// <summary>
/// Every shell example of README.md and docs/*.md, run as written with bash against a live registry process. The
/// examples' conventions: <c>$REGISTRY</c> is the registry's host:port (http), <c>$PASSWORD</c> the admin's password;
/// blocks of a document run in order in one bash session and working directory, so a later block sees the variables,
/// files and state an earlier one left; a failure names the document and the line of the failing block's fence.
/// A block that cannot run here says why in an HTML comment before it: <c>&lt;!-- example: skip (REASON) --&gt;</c>.
/// Under the runner, curl fails on an HTTP error status (--fail-with-body), so an example that answers 4xx or 5xx
/// fails the test.
/// </summary>
public sealed class DocumentationExampleTests
{
    /// <summary>The documents whose examples run here; the rest are listed in <see cref="NotYetRun"/>.</summary>
    public static TheoryData<string> RunnableDocuments() => new(Runnable);

    private static readonly string[] Runnable =
    [
        "docs/artifacts.md",
        "docs/catalog.md",
        "docs/webhooks.md",
    ];

    /// <summary>Documents whose examples are not run yet (placeholders still to be made runnable).</summary>
    private static readonly string[] NotYetRun =
    [
        "README.md",
        "docs/auth.md",
        "docs/deploy.md",
        "docs/retention.md",
    ];

    private const string Prelude = """
        set -euo pipefail
        curl() { command curl --silent --show-error --fail-with-body "$@"; }

        """;

    [Fact]
    public void EveryDocumentWithShellExamples_IsRunOrListedAsNotYetRun()
    {
        Assert.Equal(ShellExample.DocumentFiles(), Runnable.Concat(NotYetRun).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SkipMarkers_GiveAReason()
    {
        foreach (string file in ShellExample.DocumentFiles())
        {
            string[] lines = File.ReadAllLines(RepositoryFiles.PathOf(file));
            Assert.All(
                lines.Where(line => line.Contains("<!-- example:", StringComparison.Ordinal)),
                line => Assert.Matches(@"^<!-- example: skip \([^)]+\) -->$", line.Trim()));
        }
    }

    [Theory]
    [MemberData(nameof(RunnableDocuments))]
    public async Task ShellExamples_RunAsWritten(string document)
    {
        IReadOnlyList<ShellExample> examples = ShellExample.ReadAll(document);
        Assert.NotEmpty(examples);
        await using RegistryProcess registry = await RegistryProcess.StartAsync();
        using TempDirectory work = TempDirectory.Create("registry-doc-examples-");
        Directory.CreateDirectory(work.Combine(".docker"));
        var options = new ProcessRunOptions
        {
            WorkingDirectory = work.Path,
            Timeout = TimeSpan.FromMinutes(3),
            Environment = new Dictionary<string, string?>
            {
                ["REGISTRY"] = registry.HostPort,
                ["PASSWORD"] = registry.AdminPassword,
                ["DOCKER_CONFIG"] = work.Combine(".docker"),
            },
        };

        // One bash session per document, as a reader types them: variables and files of a block reach the next ones.
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
