using System.Security;

namespace Registry.Tests.Support;

/// <summary>
/// Runs the machine's real <c>mvn</c> without Maven Central: every build gets a fresh local repository copied from
/// Debian's plugins in <c>/usr/share/maven-repo</c> (symlinks resolved), and a settings file with the registry's
/// credentials, a mirror of Central pointing at the registry (nothing is fetched from the internet) and the
/// registry as a release and SNAPSHOT repository.
/// </summary>
public sealed class MavenClient : IAsyncLifetime
{
    public const string DebianRepository = "/usr/share/maven-repo";
    public const string ServerId = "registry";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private TempDirectory? directory;
    private string? mvn;
    private int count;

    public Task InitializeAsync()
    {
        if (!EndToEndEnvironment.IsDisabled)
        {
            mvn = ExternalTool.Require("mvn", "maven");
            if (!Directory.Exists(Path.Combine(DebianRepository, "org/apache/maven/plugins/maven-deploy-plugin/3.0.0")))
            {
                throw new InvalidOperationException(
                    $"{DebianRepository} lacks maven-deploy-plugin 3.0.0; install the Maven plugins with .ci/install-tools " +
                    "(libmaven-deploy-plugin-java libmaven-dependency-plugin-java libmaven-install-plugin-java libmaven-resources-plugin-java " +
                    "libmaven-compiler-plugin-java libmaven-jar-plugin-java libsurefire-java).");
            }

            directory = TempDirectory.Create("e2e-maven-");
        }

        return Task.CompletedTask;
    }

    /// <summary>A fresh local repository holding only Debian's plugins.</summary>
    internal string CleanLocalRepository()
    {
        string target = directory!.Combine($"repository-{Interlocked.Increment(ref count)}");
        CopyResolvingLinks(new DirectoryInfo(DebianRepository), Directory.CreateDirectory(target));
        return target;
    }

    /// <summary>Writes a settings file for the Maven repository URL and the account; returns its path.</summary>
    internal string WriteSettings(string repositoryUrl, string user, string password)
    {
        string path = directory!.Combine($"settings-{Interlocked.Increment(ref count)}.xml");
        string url = SecurityElement.Escape(repositoryUrl);
        string server(string id) => $"<server><id>{id}</id><username>{SecurityElement.Escape(user)}</username><password>{SecurityElement.Escape(password)}</password></server>";
        File.WriteAllText(path, $"""
            <settings>
              <servers>{server(ServerId)}{server(ServerId + "-central")}</servers>
              <mirrors><mirror><id>{ServerId}-central</id><mirrorOf>central</mirrorOf><url>{url}</url></mirror></mirrors>
              <profiles><profile><id>{ServerId}</id><repositories><repository><id>{ServerId}</id><url>{url}</url>
                <releases><enabled>true</enabled></releases><snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>
              </repository></repositories></profile></profiles>
              <activeProfiles><activeProfile>{ServerId}</activeProfile></activeProfiles>
            </settings>
            """);
        return path;
    }

    /// <summary>Runs mvn in batch mode with the settings and local repository; returns the result whatever the exit code.</summary>
    internal Task<ProcessResult> RunAsync(string workingDirectory, string settings, string localRepository, params string[] arguments)
        => ProcessRunner.RunAsync(mvn ?? throw new InvalidOperationException("mvn is not set up (end-to-end tests are switched off)."),
            ["--batch-mode", "--no-transfer-progress", "-s", settings, $"-Dmaven.repo.local={localRepository}", .. arguments],
            new ProcessRunOptions { WorkingDirectory = workingDirectory, Timeout = CommandTimeout, Environment = new Dictionary<string, string?> { ["MAVEN_OPTS"] = "-Xmx256m" } });

    public Task DisposeAsync()
    {
        directory?.Dispose();
        return Task.CompletedTask;
    }

    private static void CopyResolvingLinks(DirectoryInfo source, DirectoryInfo target)
    {
        foreach (FileSystemInfo entry in source.EnumerateFileSystemInfos())
        {
            string destination = Path.Combine(target.FullName, entry.Name);
            FileSystemInfo resolved = entry.LinkTarget is null ? entry : entry.ResolveLinkTarget(returnFinalTarget: true) ?? entry;
            if (resolved is DirectoryInfo sub)
            {
                CopyResolvingLinks(sub, Directory.CreateDirectory(destination));
            }
            else if (resolved.Exists)
            {
                File.Copy(resolved.FullName, destination);
            }
        }
    }
}
