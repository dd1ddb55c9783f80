using Registry.Tests.Operations;
using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The shell examples of docs/packages.md, run as written (<see cref="DocumentationRunner"/>) against a live registry
/// with the machine's npm, pip and dotnet: each section creates its repositories, configures its client, publishes
/// and installs.
/// </summary>
public sealed class PackageDocumentationExampleTests
{
    public static TheoryData<string> PackageDocuments() => new(DocumentationRunner.PackageDocuments);

    [EndToEndTheory]
    [MemberData(nameof(PackageDocuments))]
    public async Task ShellExamples_RunAsWritten(string document)
    {
        await using RegistryProcess registry = await RegistryProcess.StartAsync();
        using TempDirectory work = TempDirectory.Create("registry-doc-package-examples-");
        await DocumentationRunner.RunAsync(document, registry, work, new Dictionary<string, string?>
        {
            // Each client's own configuration and caches stay in the work directory.
            ["HOME"] = work.Path,
            ["npm_config_cache"] = work.Combine("npm-cache"),
            ["npm_config_update_notifier"] = "false",
            ["PIP_CONFIG_FILE"] = "/dev/null",
            ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1",
            ["NUGET_PACKAGES"] = work.Combine("nuget-packages"),
            ["DOTNET_CLI_HOME"] = work.Path,
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        });
    }
}
