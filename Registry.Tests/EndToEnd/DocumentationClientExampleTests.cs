using Registry.Tests.Operations;
using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The shell examples of README.md and the docs that drive docker, podman and skopeo, run as written
/// (<see cref="DocumentationRunner"/>) with those clients on PATH: docker against the tests' private dockerd, podman
/// and skopeo with private storage and configuration. The daemon holds images named <c>alpine:3.20</c>, <c>alpine:3.21</c>
/// and <c>alpine</c> (built here from scratch, as the machine has no Docker Hub), which the examples push as a reader's
/// pulled alpine.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DocumentationClientExampleTests(DockerDaemon docker, PodmanClient podman, SkopeoClient skopeo)
    : IClassFixture<PodmanClient>, IClassFixture<SkopeoClient>
{
    public static TheoryData<string> ClientDocuments() => new(DocumentationRunner.ClientDocuments);

    [EndToEndTheory]
    [MemberData(nameof(ClientDocuments))]
    public async Task ShellExamples_RunAsWritten(string document)
    {
        await using RegistryProcess registry = await RegistryProcess.StartAsync();
        using TempDirectory work = TempDirectory.Create("registry-doc-client-examples-");
        string bin = work.Combine("bin");
        Directory.CreateDirectory(bin);
        docker.WriteCommandScript(Path.Combine(bin, "docker"));
        podman.WriteCommandScript(Path.Combine(bin, "podman"));
        skopeo.WriteCommandScript(Path.Combine(bin, "skopeo"));
        await BuildAlpineStandInAsync(work);

        await DocumentationRunner.RunAsync(document, registry, work, new Dictionary<string, string?>
        {
            ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
        });
    }

    private async Task BuildAlpineStandInAsync(TempDirectory work)
    {
        foreach (string version in new[] { "3.20", "3.21" })
        {
            string context = work.Combine($"alpine-{version}");
            Directory.CreateDirectory(context);
            await File.WriteAllTextAsync(Path.Combine(context, "os-release"), $"NAME=\"stand-in for Alpine Linux\"\nVERSION_ID={version}.0\n");
            await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY os-release /etc/os-release\n");
            await docker.Docker("build", "--tag", $"alpine:{version}", context);
        }

        await docker.Docker("tag", "alpine:3.21", "alpine:latest");
    }
}
