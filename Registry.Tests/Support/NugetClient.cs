using System.Security;

namespace Registry.Tests.Support;

/// <summary>
/// Runs the machine's real <c>dotnet</c> (the SDK the tests run on) as a NuGet client, isolated from the machine's
/// NuGet state: its own HOME/DOTNET_CLI_HOME (so no user-level nuget.config), global packages folder and HTTP cache
/// under a scratch directory, no MSBuild node reuse or build server (nothing stays running after a command).
/// </summary>
internal sealed class NugetClient(string home)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private readonly string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : ExternalTool.Require("dotnet", "dotnet-sdk-10.0");

    /// <summary>The global packages folder; a fresh one makes the next restore fetch everything from the feed.</summary>
    public string Packages { get; set; } = Path.Combine(home, "packages");

    /// <summary>Runs <c>dotnet</c> with the arguments in <paramref name="workingDirectory"/>; the result whatever the exit code.</summary>
    public Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments)
        => ProcessRunner.RunAsync(dotnet, arguments, new ProcessRunOptions
        {
            WorkingDirectory = workingDirectory,
            Timeout = CommandTimeout,
            Environment = new Dictionary<string, string?>
            {
                ["HOME"] = home,
                ["DOTNET_CLI_HOME"] = home,
                ["NUGET_PACKAGES"] = Packages,
                ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(home, "http-cache"),
                ["NUGET_PLUGINS_CACHE_PATH"] = Path.Combine(home, "plugins-cache"),
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
                ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "0",
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1",
                ["UseSharedCompilation"] = "false",
                // What the test host's own MSBuild/SDK resolution set must not steer the child's.
                ["MSBuildExtensionsPath"] = null,
                ["MSBUILD_EXE_PATH"] = null,
                ["MSBuildSDKsPath"] = null,
                ["MSBuildLoadMicrosoftTargetsReadOnly"] = null,
            },
        });

    /// <summary>
    /// A nuget.config with only <paramref name="url"/> as source (<c>&lt;clear/&gt;</c> first), allowed over http, with
    /// the credentials when given.
    /// </summary>
    public static void WriteConfig(string directory, string source, string url, (string User, string Password)? credentials = null)
    {
        string secret = credentials is { } c
            ? $"""
              <packageSourceCredentials>
                <{source}>
                  <add key="Username" value="{SecurityElement.Escape(c.User)}" />
                  <add key="ClearTextPassword" value="{SecurityElement.Escape(c.Password)}" />
                </{source}>
              </packageSourceCredentials>
            """
            : string.Empty;
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="{source}" value="{SecurityElement.Escape(url)}" allowInsecureConnections="true" />
              </packageSources>
            {secret}
            </configuration>
            """);
    }

    /// <summary>Writes a net10.0 project (a class library with <paramref name="code"/>, or a console app) with package references.</summary>
    public static string WriteProject(string root, string name, string code, bool exe = false, string? packageId = null, string? version = null, params (string Id, string Version)[] references)
    {
        string directory = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        string packaging = packageId is null ? string.Empty
            : $"<PackageId>{packageId}</PackageId><Version>{version}</Version><Authors>Registry tests</Authors><Description>{name} for the NuGet end-to-end test</Description>";
        string items = string.Concat(references.Select(r => $"<PackageReference Include=\"{r.Id}\" Version=\"{r.Version}\" />"));
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                {(exe ? "<OutputType>Exe</OutputType>" : string.Empty)}
                {packaging}
              </PropertyGroup>
              <ItemGroup>{items}</ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, exe ? "Program.cs" : name + ".cs"), code);
        return directory;
    }
}
