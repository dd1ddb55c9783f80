using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Registry.Core.Artifacts;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A docker remote with a real client: skopeo pulls one platform of a multi-platform image through this registry
/// from a second registry process of ours (public, so the remote goes through its anonymous token flow), and pulls it
/// again from the cache after that upstream is gone.
/// </summary>
[Collection(SkopeoCollection.Name)]
public sealed class SkopeoRemotePullTests(SkopeoClient skopeo, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-skopeo-remote-")
{
    [EndToEndFact]
    public async Task PullThroughARemote_FetchesFromTheUpstream_AndStillPullsFromTheCacheWhenItIsGone()
    {
        RegistryProcess upstream = await RegistryProcess.StartAsync();
        try
        {
            OciLayout layout = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("image"), "1.0", CancellationToken.None);
            await skopeo.Skopeo("copy", "--all", "--dest-tls-verify=false", "--dest-creds", $"admin:{upstream.AdminPassword}", layout.Reference, $"docker://{upstream.HostPort}/team/app:1.0");
            using (HttpClient admin = upstream.CreateClient())
            using (HttpResponseMessage published = await admin.PutAsJsonAsync("/api/v1/public", new { kind = "namespace", name = "team" }))
            {
                Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            }

            string key = await CreateRemoteAsync(upstream.BaseUri);
            string source = $"docker://{Registry.HostPort}/{key}/team/app:1.0";
            ProcessResult first = await PullUntilTheRemoteIsKnownAsync(source, Work.Combine("first"));
            Assert.Equal(0, first.ExitCode);
            Assert.True(Directory.GetFiles(Work.Combine("first"), "*", SearchOption.AllDirectories).Length > 2);

            await upstream.DisposeAsync();
            ProcessResult cached = await PullAsync(source, Work.Combine("second"));
            Assert.True(cached.ExitCode == 0, cached.Describe());
        }
        finally
        {
            await upstream.DisposeAsync();
        }
    }

    /// <summary>Creates the remote in this registry's store (the registry reloads its remotes within 15 seconds).</summary>
    private async Task<string> CreateRemoteAsync(Uri url)
    {
        string key = "hub" + Guid.NewGuid().ToString("N")[..6];
        var options = Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(Registry.DataPath, "registry.db")}" });
        var store = new SqliteMetadataStore(new SqliteConnectionFactory(options), new FakeTimeProvider(DateTimeOffset.UtcNow));
        var remote = new RemoteSource(url, null, null, RemoteSource.DefaultRetrievalCachePeriodSecs, RemoteSource.DefaultMissedRetrievalCachePeriodSecs, false, 0, false, []);
        Assert.True(await store.CreateArtifactRepositoryAsync(
            new ArtifactRepository(key, ArtifactRepositoryType.Docker, false, null, DateTimeOffset.UtcNow, "test") { Class = RepositoryClass.Remote, Remote = remote },
            CancellationToken.None));
        return key;
    }

    private async Task<ProcessResult> PullUntilTheRemoteIsKnownAsync(string source, string directory)
    {
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            ProcessResult result = await PullAsync(source, directory);
            if (result.ExitCode == 0 || Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(40))
            {
                Output.WriteLine(result.Describe());
                return result;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private Task<ProcessResult> PullAsync(string source, string directory)
        => skopeo.SkopeoUncheckedAsync(
            ["copy", "--src-tls-verify=false", "--src-creds", $"admin:{Registry.AdminPassword}", "--override-os", "linux", "--override-arch", "amd64", source, $"oci:{directory}:1.0"],
            CancellationToken.None);
}
