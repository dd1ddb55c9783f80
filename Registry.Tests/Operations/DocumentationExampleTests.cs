using Registry.Tests.Support;

namespace Registry.Tests.Operations;

/// <summary>
/// Every shell example of README.md and docs/*.md is run as written against a live registry process
/// (<see cref="DocumentationRunner"/>): the curl-only documents here, the ones that drive docker, podman and skopeo
/// in <see cref="EndToEnd.DocumentationClientExampleTests"/>. A block that cannot run here says why in an HTML comment
/// before it: <c>&lt;!-- example: skip (REASON) --&gt;</c>.
/// </summary>
public sealed class DocumentationExampleTests
{
    public static TheoryData<string> CurlDocuments() => new(DocumentationRunner.CurlDocuments);

    [Fact]
    public void EveryDocumentWithShellExamples_IsRun()
    {
        Assert.Equal(ShellExample.DocumentFiles(), DocumentationRunner.CurlDocuments.Concat(DocumentationRunner.ClientDocuments).Concat(DocumentationRunner.PackageDocuments).Order(StringComparer.Ordinal));
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
    [MemberData(nameof(CurlDocuments))]
    public async Task ShellExamples_RunAsWritten(string document)
    {
        await using RegistryProcess registry = await RegistryProcess.StartAsync();
        using TempDirectory work = TempDirectory.Create("registry-doc-examples-");
        await DocumentationRunner.RunAsync(document, registry, work);
    }
}
