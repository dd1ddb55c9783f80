using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The real mvn against a Maven repository of the registry process: <c>deploy:deploy-file</c> of a jar, <c>mvn
/// deploy</c> of a generated project as a release (a second release deploy is refused) and twice as a SNAPSHOT
/// (unique timestamped files), then resolution with strict checksums from clean local repositories:
/// <c>dependency:get</c> and the build of a consumer project that compiles against the SNAPSHOT.
/// </summary>
[Collection(MavenCollection.Name)]
public sealed class MavenDeployTests(MavenClient maven, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-maven-")
{
    private const string Repo = "maven-releases";
    private const string DeployPlugin = "org.apache.maven.plugins:maven-deploy-plugin:3.0.0";
    private const string DependencyPlugin = "org.apache.maven.plugins:maven-dependency-plugin:3.5.0";

    private string RepositoryUrl => $"{Registry.BaseUri.AbsoluteUri.TrimEnd('/')}/artifactory/{Repo}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using HttpClient http = Registry.CreateClient();
        await new ManagementClient(http).CreateArtifactRepositoryAsync(Repo, "maven", CancellationToken.None);
    }

    private string Settings() => maven.WriteSettings(RepositoryUrl, "admin", Registry.AdminPassword);

    private async Task<ProcessResult> MavenAsync(string workingDirectory, string localRepository, params string[] arguments)
    {
        ProcessResult result = await maven.RunAsync(workingDirectory, Settings(), localRepository, arguments);
        Output.WriteLine(result.Describe());
        return result;
    }

    private static void AssertSucceeded(ProcessResult result) => Assert.True(result.Succeeded, result.Describe());

    [EndToEndFact]
    public async Task DeployFile_OfAJar_ThenDependencyGetFromACleanLocalRepository_ReturnsTheSameBytes()
    {
        byte[] jar = RandomNumberGenerator.GetBytes(30_000);
        string file = Work.Combine("tool.jar");
        await File.WriteAllBytesAsync(file, jar);

        AssertSucceeded(await MavenAsync(Work.Path, maven.CleanLocalRepository(), $"{DeployPlugin}:deploy-file",
            $"-Dfile={file}", "-DgroupId=org.acme.tools", "-DartifactId=tool", "-Dversion=2.3.1", "-Dpackaging=jar",
            $"-Durl={RepositoryUrl}", $"-DrepositoryId={MavenClient.ServerId}"));

        string local = maven.CleanLocalRepository();
        AssertSucceeded(await MavenAsync(Work.Path, local, "--strict-checksums", $"{DependencyPlugin}:get", "-Dartifact=org.acme.tools:tool:2.3.1", "-Dtransitive=false"));
        Assert.Equal(jar, await File.ReadAllBytesAsync(Path.Combine(local, "org/acme/tools/tool/2.3.1/tool-2.3.1.jar")));
    }

    [EndToEndFact]
    public async Task Deploy_OfAProject_AsReleaseAndSnapshots_ThenAConsumerBuildsAgainstIt()
    {
        string library = WriteProject("library", "1.0.0", dependency: null, "public class Greeting { public static String text() { return \"hello\"; } }");
        string plugins = maven.CleanLocalRepository();
        AssertSucceeded(await MavenAsync(library, plugins, "deploy"));

        ProcessResult again = await MavenAsync(library, plugins, "deploy");
        Assert.False(again.Succeeded, "a second deploy of release 1.0.0 must be refused");
        Assert.Contains("409", again.StandardOutput);

        SetVersion(library, "1.0.0", "1.1.0-SNAPSHOT");
        AssertSucceeded(await MavenAsync(library, plugins, "deploy"));
        AssertSucceeded(await MavenAsync(library, plugins, "deploy"));
        using HttpClient http = Registry.CreateClient();
        JsonElement folder = await http.GetFromJsonAsync<JsonElement>($"/artifactory/api/storage/{Repo}/com/example/library/1.1.0-SNAPSHOT");
        List<string> jars = [.. folder.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("uri").GetString()!).Where(u => u.EndsWith(".jar", StringComparison.Ordinal))];
        Assert.Equal(2, jars.Count);
        Assert.All(jars, j => Assert.Matches(@"^/library-1\.1\.0-\d{8}\.\d{6}-[12]\.jar$", j));

        string consumer = WriteProject("consumer", "1.0.0", ("com.example", "library", "1.1.0-SNAPSHOT"),
            "public class App { public static void main(String[] args) { System.out.println(Greeting.text()); } }");
        string clean = maven.CleanLocalRepository();
        AssertSucceeded(await MavenAsync(consumer, clean, "--strict-checksums", "package"));
        Assert.True(File.Exists(Path.Combine(consumer, "target", "consumer-1.0.0.jar")));
        AssertSucceeded(await MavenAsync(Work.Path, clean, "--strict-checksums", $"{DependencyPlugin}:get", "-Dartifact=com.example:library:1.0.0", "-Dtransitive=false"));
    }

    /// <summary>A jar project com.example:&lt;name&gt; with one class (package com.example) and optionally one dependency.</summary>
    private string WriteProject(string name, string version, (string Group, string Artifact, string Version)? dependency, string javaClass)
    {
        string root = Work.Combine(name);
        string sources = Path.Combine(root, "src", "main", "java", "com", "example");
        Directory.CreateDirectory(sources);
        File.WriteAllText(Path.Combine(sources, javaClass.Split(' ')[2] + ".java"), "package com.example;\n" + javaClass + "\n");
        string dependencies = dependency is { } d
            ? $"<dependencies><dependency><groupId>{d.Group}</groupId><artifactId>{d.Artifact}</artifactId><version>{d.Version}</version></dependency></dependencies>"
            : string.Empty;
        File.WriteAllText(Path.Combine(root, "pom.xml"), $"""
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>{name}</artifactId>
              <version>{version}</version>
              <packaging>jar</packaging>
              <properties>
                <maven.compiler.source>17</maven.compiler.source>
                <maven.compiler.target>17</maven.compiler.target>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
              </properties>
              {dependencies}
              <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-deploy-plugin</artifactId><version>3.0.0</version></plugin></plugins></build>
              <distributionManagement>
                <repository><id>{MavenClient.ServerId}</id><url>{RepositoryUrl}</url></repository>
                <snapshotRepository><id>{MavenClient.ServerId}</id><url>{RepositoryUrl}</url></snapshotRepository>
              </distributionManagement>
            </project>
            """);
        return root;
    }

    private static void SetVersion(string project, string from, string to)
    {
        string pom = Path.Combine(project, "pom.xml");
        File.WriteAllText(pom, File.ReadAllText(pom).Replace($"<version>{from}</version>", $"<version>{to}</version>", StringComparison.Ordinal));
    }
}
