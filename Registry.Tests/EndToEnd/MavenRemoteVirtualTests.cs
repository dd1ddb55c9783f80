using System.Net;
using System.Security;
using Microsoft.Extensions.Options;
using Registry.Core.Artifacts;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The real mvn through a virtual repository: upstream = <c>python3 -m http.server</c> over Debian's
/// <c>/usr/share/maven-repo</c>, a maven remote over it, a local, and a virtual over both that deploys to the local.
/// mvn, with only the virtual URL in its settings (a mirror of everything) and an empty local repository, builds a
/// project whose plugins and dependency come through the remote, and deploys it into the local through the virtual.
/// </summary>
[Collection(MavenCollection.Name)]
public sealed class MavenRemoteVirtualTests(MavenClient maven, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-maven-remote-")
{
    private const string Local = "libs-local";
    private const string Remote = "debian-remote";
    private const string Virtual = "libs";
    private const string LangJar = "org/apache/commons/commons-lang3/3.12.0/commons-lang3-3.12.0.jar";

    [EndToEndFact]
    public async Task Mvn_WithOnlyTheVirtualUrl_ResolvesThroughTheRemote_AndDeploysToTheLocal()
    {
        await using StaticHttpServer upstream = await StaticHttpServer.StartAsync(MavenClient.DebianRepository);
        using HttpClient http = Registry.CreateClient();
        await new ManagementClient(http).CreateArtifactRepositoryAsync(Local, "maven", CancellationToken.None);
        await CreateRemoteAndVirtualAsync(upstream.Url);

        string url = $"{Registry.BaseUri.AbsoluteUri.TrimEnd('/')}/artifactory/{Virtual}";
        string project = WriteProject(url);
        string settings = WriteSettings(url);
        string localRepository = Work.Combine("m2");
        Directory.CreateDirectory(localRepository);

        ProcessResult result = await maven.RunAsync(project, settings, localRepository, "deploy");
        Output.WriteLine(result.Describe());
        Assert.True(result.Succeeded, result.Describe());

        // Resolved through us: the remote cached the dependency and the plugins, the upstream served them once.
        using HttpResponseMessage cachedJar = await http.GetAsync($"/artifactory/api/storage/{Remote}/{LangJar}");
        Assert.Equal(HttpStatusCode.OK, cachedJar.StatusCode);
        using HttpResponseMessage cachedPlugins = await http.GetAsync($"/artifactory/api/storage/{Remote}/org/apache/maven/plugins");
        Assert.Equal(HttpStatusCode.OK, cachedPlugins.StatusCode);
        Assert.Single(upstream.RequestedPaths, p => p.StartsWith("GET /" + LangJar + " ", StringComparison.Ordinal));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(localRepository, LangJar)), await File.ReadAllBytesAsync(Path.Combine(MavenClient.DebianRepository, LangJar)));

        // Deployed through the virtual into the local member.
        using HttpResponseMessage deployed = await http.GetAsync($"/artifactory/{Local}/com/example/app/1.0.0/app-1.0.0.jar");
        Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
        using HttpResponseMessage throughVirtual = await http.GetAsync($"/artifactory/{Virtual}/com/example/app/1.0.0/app-1.0.0.pom");
        Assert.Equal(HttpStatusCode.OK, throughVirtual.StatusCode);
    }

    /// <summary>Creates the remote and the virtual repository in the registry's SQLite store (the configuration API's work).</summary>
    private async Task CreateRemoteAndVirtualAsync(Uri upstream)
    {
        var options = Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(Registry.DataPath, "registry.db")}" });
        var store = new SqliteMetadataStore(new SqliteConnectionFactory(options), TimeProvider.System);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Assert.True(await store.CreateArtifactRepositoryAsync(new ArtifactRepository(Remote, ArtifactRepositoryType.Maven, false, null, now, "admin")
        {
            Class = RepositoryClass.Remote,
            Remote = new RemoteSource(upstream, null, null, RemoteSource.DefaultRetrievalCachePeriodSecs, RemoteSource.DefaultMissedRetrievalCachePeriodSecs, false, 0, false, []),
        }, CancellationToken.None));
        Assert.True(await store.CreateArtifactRepositoryAsync(new ArtifactRepository(Virtual, ArtifactRepositoryType.Maven, false, null, now, "admin")
        {
            Class = RepositoryClass.Virtual,
            Virtual = new VirtualMembers([Local, Remote], Local),
        }, CancellationToken.None));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private string WriteSettings(string url)
    {
        string path = Work.Combine("settings.xml");
        File.WriteAllText(path, $"""
            <settings>
              <servers><server><id>{Virtual}</id><username>admin</username><password>{SecurityElement.Escape(Registry.AdminPassword)}</password></server></servers>
              <mirrors><mirror><id>{Virtual}</id><mirrorOf>*</mirrorOf><url>{SecurityElement.Escape(url)}</url></mirror></mirrors>
            </settings>
            """);
        return path;
    }

    private string WriteProject(string url)
    {
        string root = Work.Combine("app");
        string sources = Path.Combine(root, "src", "main", "java", "com", "example");
        Directory.CreateDirectory(sources);
        File.WriteAllText(Path.Combine(sources, "App.java"), """
            package com.example;
            public class App { public static String shout(String s) { return org.apache.commons.lang3.StringUtils.upperCase(s); } }
            """);
        File.WriteAllText(Path.Combine(root, "pom.xml"), $"""
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>app</artifactId>
              <version>1.0.0</version>
              <packaging>jar</packaging>
              <properties>
                <maven.compiler.source>17</maven.compiler.source>
                <maven.compiler.target>17</maven.compiler.target>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                <skipTests>true</skipTests>
              </properties>
              <dependencies><dependency><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId><version>3.12.0</version></dependency></dependencies>
              <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-deploy-plugin</artifactId><version>3.0.0</version></plugin></plugins></build>
              <distributionManagement>
                <repository><id>{Virtual}</id><url>{url}</url></repository>
              </distributionManagement>
            </project>
            """);
        return root;
    }
}
