using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Deploy storms on S3 without redirects, with the node's read cache (<c>Registry:Storage:S3:ReadCachePath</c>): real
/// clients (dockerd, podman, skopeo and a burst of curl) pull one image at the same time through the registry, which
/// streams the layers itself. s3rver sits behind a <see cref="RecordingProxy"/>, so the test sees every request the
/// registry makes to the store: each blob is read from the bucket once, however many clients pull it, and every
/// client gets the pushed bytes.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class S3ReadCacheClientTests(DockerDaemon docker, PodmanClient podman, SkopeoClient skopeo, CurlClient curl, ITestOutputHelper output)
    : S3ProxiedRegistryTest(output, "e2e-readcache-"), IClassFixture<PodmanClient>, IClassFixture<SkopeoClient>, IClassFixture<CurlClient>
{
    protected override string Repository => "e2e/readcache";

    public override async Task InitializeAsync()
    {
        if (EndToEndEnvironment.IsDisabled)
        {
            return;
        }

        await StartOnS3Async(skopeo, seed: 2207, new Dictionary<string, string>
        {
            ["Registry__Storage__S3__ReadCachePath"] = Work.Combine("read-cache"),
        });
    }

    [EndToEndFact]
    public async Task DockerPodmanSkopeoAndCurl_PullingAtOnce_GetTheImage_AndEachBlobIsReadFromTheBucketOnce()
    {
        string layer = Amd64.LayerDigests[^1];
        string target = Work.Combine("dir");
        await docker.LoginAsync(Registry);
        await podman.LoginAsync(Registry);
        try
        {
            Task dockerPull = docker.Docker("pull", Image);
            Task podmanPull = PodmanImages.PullAsync(podman, Image);
            Task skopeoCopy = skopeo.Skopeo("copy", "--all", "--src-tls-verify=false", "--src-creds", Creds, $"docker://{Image}", $"dir:{target}");
            Task<CurlResponse>[] curls = [.. Enumerable.Range(0, 12).Select(_ => curl.RequestAsync("--user", Creds, $"{Registry.BaseUri}v2/{Repository}/blobs/{layer}"))];
            await Task.WhenAll([dockerPull, podmanPull, skopeoCopy, .. curls]);

            foreach (CurlResponse response in await Task.WhenAll(curls))
            {
                Assert.Equal(200, response.Status);
                Assert.Equal(layer, Digests.Sha256(response.Body));
            }

            ProcessResult inspected = await docker.Docker("image", "inspect", "--format", "{{.Id}} {{json .RootFS.Layers}}", Image);
            string[] parts = inspected.StandardOutput.Trim().Split(' ', 2);
            Assert.Equal(Amd64.ConfigDigest, parts[0]);
            Assert.Equal(DiffIds(Amd64), JsonSerializer.Deserialize<string[]>(parts[1]));
            FileTreeAssert.ContainsExactly(Amd64.Files, await DockerImages.ExtractAsync(docker, Image, Work.Combine("docker"), "/etc", "/opt"));
            await PodmanImages.AssertFilesAsync(podman, Image, Amd64.Files);
            foreach (OciLayoutImage image in Layout.Images)
            {
                foreach (string digest in image.LayerDigests.Append(image.ConfigDigest))
                {
                    Assert.Equal(digest, Digests.Sha256OfFile(Path.Combine(target, Digests.Hex(digest))));
                }
            }

            // Every layer of every platform was pulled by at least one client, each read from the bucket once.
            IReadOnlyList<RecordedRequest> seen = Proxy.Requests;
            string log = string.Join('\n', seen.Select(r => $"{r.Method} {r.Path} -> {r.Status}"));
            foreach (string digest in Layout.Images.SelectMany(image => image.LayerDigests).Distinct())
            {
                int reads = seen.Count(r => r.Method == "GET" && r.Path.EndsWith("/blobs/sha256/" + Digests.Hex(digest)[..2] + "/" + Digests.Hex(digest), StringComparison.Ordinal));
                Assert.True(reads == 1, $"{digest} was read from the bucket {reads} times.\n{log}");
            }

            // A range of a cached layer comes from the node's copy, with no request to the bucket.
            Proxy.Clear();
            CurlResponse range = await curl.RequestAsync("--user", Creds, "--range", "10-99", $"{Registry.BaseUri}v2/{Repository}/blobs/{layer}");
            Assert.Equal(206, range.Status);
            Assert.Equal(curls[0].Result.Body.AsSpan(10, 90).ToArray(), range.Body);
            Assert.DoesNotContain(Proxy.Requests, r => r.Method == "GET");
        }
        finally
        {
            await docker.DockerUncheckedAsync(["rmi", "--force", Image], CancellationToken.None);
            await PodmanImages.RemoveAllAsync(podman);
        }
    }

    [EndToEndFact]
    public async Task CurlDownloadsOfABuildArtifact_AtOnce_ReadItFromTheBucketOnce()
    {
        using (HttpClient http = Registry.CreateClient())
        {
            await new ManagementClient(http).CreateArtifactRepositoryAsync("ci-files", "generic", CancellationToken.None);
        }

        byte[] content = System.Security.Cryptography.RandomNumberGenerator.GetBytes(3_000_000);
        string file = Work.Combine("app.war");
        await File.WriteAllBytesAsync(file, content);
        string url = $"{Registry.BaseUri.AbsoluteUri.TrimEnd('/')}/artifactory/ci-files/app/1.0/app.war";
        CurlResponse deployed = await curl.RequestAsync("-u", Creds, "-T", file, url);
        Assert.True(deployed.Status == 201, $"deploy: {deployed}");
        Proxy.Clear();

        CurlResponse[] downloads = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => curl.RequestAsync("-u", Creds, url)));
        CurlResponse range = await curl.RequestAsync("-u", Creds, "-r", "1000-1999", url);

        foreach (CurlResponse download in downloads)
        {
            Assert.Equal(200, download.Status);
            Assert.Equal(content, download.Body);
        }

        Assert.Equal(206, range.Status);
        Assert.Equal(content.AsSpan(1000, 1000).ToArray(), range.Body);
        string hex = Digests.Hex(Digests.Sha256(content));
        RecordedRequest read = Assert.Single(Proxy.Requests, r => r.Method == "GET" && r.Path.Contains("/blobs/", StringComparison.Ordinal));
        Assert.EndsWith("/" + hex, read.Path, StringComparison.Ordinal);

        // The node's metrics count it: one copy, eleven downloads answered from the cache, the file in it.
        using HttpClient client = Registry.CreateClient();
        string metrics = await client.GetStringAsync("/metrics");
        Assert.Equal(1, Metric(metrics, "registry_read_cache_copies_total"));
        Assert.Equal(11, Metric(metrics, "registry_read_cache_served_total{from=\"file\"}") + Metric(metrics, "registry_read_cache_served_total{from=\"copy\"}"));
        Assert.Equal(content.Length, Metric(metrics, "registry_read_cache_bytes"));
        Assert.Equal(0, Metric(metrics, "registry_read_cache_copy_failures_total"));

        // With the bucket unreachable (every connection to it cut), the node still serves its copy.
        Proxy.BeforeForward = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };
        CurlResponse offline = await curl.RequestAsync("-u", Creds, url);
        Assert.Equal(200, offline.Status);
        Assert.Equal(content, offline.Body);
    }

    private static double Metric(string exposition, string series)
    {
        string line = exposition.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
