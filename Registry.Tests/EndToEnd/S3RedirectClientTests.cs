using System.Net;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Deploy storms on S3 with <c>Registry:Storage:RedirectPulls</c>: the real clients (dockerd, podman, skopeo, curl)
/// pull an image whose blob GETs the registry answers with 307 to presigned URLs. s3rver sits behind a
/// <see cref="RecordingProxy"/> that is the registry's S3 ServiceUrl, so every presigned URL a client follows, and
/// every request the registry itself makes to the store, passes through it and is recorded. Each test checks that the
/// bytes are the pushed ones, that every layer was fetched from the store through a presigned URL (so the registry
/// answered 307 and served no blob bytes itself: it made no GET of a blob object), and that nothing the store saw
/// carried a client's credentials: no Authorization header on a presigned request, no Bearer or Basic anywhere.
/// The proxy listens on the registry's host name (127.0.0.1) on another port, the closest a store can be to the
/// registry; Go's HTTP client and curl count another port as another host and do not carry credentials over.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class S3RedirectClientTests(DockerDaemon docker, PodmanClient podman, SkopeoClient skopeo, CurlClient curl, ITestOutputHelper output)
    : S3ProxiedRegistryTest(output, "e2e-redirect-"), IClassFixture<PodmanClient>, IClassFixture<SkopeoClient>, IClassFixture<CurlClient>
{
    protected override string Repository => "e2e/redirect";

    public override async Task InitializeAsync()
    {
        if (EndToEndEnvironment.IsDisabled)
        {
            return;
        }

        // The push goes through the registry (skopeo, every platform); only the pulls after it are looked at.
        await StartOnS3Async(skopeo, seed: 2101, new Dictionary<string, string>
        {
            ["Registry__Storage__RedirectPulls"] = "true",
            ["Registry__Storage__RedirectTtl"] = "00:05:00",
        });
    }

    [EndToEndFact]
    public async Task DockerPull_FollowsRedirectsToTheStore_WithoutCredentials_AndGetsTheImage()
    {
        await docker.LoginAsync(Registry);
        try
        {
            await docker.Docker("pull", Image);

            ProcessResult inspected = await docker.Docker("image", "inspect", "--format", "{{.Id}} {{json .RootFS.Layers}}", Image);
            string[] parts = inspected.StandardOutput.Trim().Split(' ', 2);
            Assert.Equal(Amd64.ConfigDigest, parts[0]);
            Assert.Equal(DiffIds(Amd64), JsonSerializer.Deserialize<string[]>(parts[1]));
            FileTreeAssert.ContainsExactly(Amd64.Files, await DockerImages.ExtractAsync(docker, Image, Work.Combine("docker"), "/etc", "/opt"));
            AssertPulledThroughRedirects("docker", Amd64.LayerDigests);
        }
        finally
        {
            await docker.DockerUncheckedAsync(["rmi", "--force", Image], CancellationToken.None);
        }
    }

    [EndToEndFact]
    public async Task PodmanPull_FollowsRedirectsToTheStore_WithoutCredentials_AndGetsTheImage()
    {
        await podman.LoginAsync(Registry);
        try
        {
            await PodmanImages.PullAsync(podman, Image);

            ProcessResult id = await podman.Podman("image", "inspect", "--format", "{{.Id}}", Image);
            Assert.Equal(Digests.Hex(Amd64.ConfigDigest), id.StandardOutput.Trim());
            await PodmanImages.AssertFilesAsync(podman, Image, Amd64.Files);
            AssertPulledThroughRedirects("podman", Amd64.LayerDigests);
        }
        finally
        {
            await PodmanImages.RemoveAllAsync(podman);
        }
    }

    [EndToEndFact]
    public async Task SkopeoCopyAll_ToADirectory_FollowsRedirectsWithoutCredentials_AndKeepsEveryDigest()
    {
        string target = Work.Combine("dir");

        await skopeo.Skopeo("copy", "--all", "--src-tls-verify=false", "--src-creds", Creds, $"docker://{Image}", $"dir:{target}");

        foreach (OciLayoutImage image in Layout.Images)
        {
            foreach (string digest in image.LayerDigests.Append(image.ConfigDigest))
            {
                string file = Path.Combine(target, Digests.Hex(digest));
                Assert.True(File.Exists(file), $"{digest} ({image.Architecture}) is missing from the dir: copy.");
                Assert.Equal(digest, Digests.Sha256OfFile(file));
            }
        }

        Assert.Equal(Layout.IndexDigest, Digests.Sha256(await File.ReadAllBytesAsync(Path.Combine(target, "manifest.json"))));
        AssertPulledThroughRedirects("skopeo", Layout.Images.SelectMany(image => image.LayerDigests));
    }

    [EndToEndFact]
    public async Task CurlFollowingTheRedirect_GetsTheBlobFromTheStore_WithoutTheRegistryCredentials()
    {
        string layer = Amd64.LayerDigests[^1];
        string url = $"{Registry.BaseUri}v2/{Repository}/blobs/{layer}";

        CurlResponse redirect = await curl.RequestAsync("--user", Creds, url);
        CurlResponse followed = await curl.RequestAsync("--location", "--user", Creds, url);

        Assert.Equal(307, redirect.Status);
        Assert.StartsWith(Proxy.Url + "/", redirect.Header("Location"), StringComparison.Ordinal);
        Assert.Equal(200, followed.Status);
        Assert.Equal(layer, Digests.Sha256(followed.Body));
        AssertPulledThroughRedirects("curl", [layer]);
    }

    [EndToEndFact]
    public async Task CurlLocationTrusted_SendsTheCredentialsToTheStore_AndTheProxySeesThem()
    {
        // The check above can fail: told to trust the redirect target, curl sends Basic credentials on to the store.
        string layer = Amd64.LayerDigests[0];

        await curl.RequestAsync("--location-trusted", "--user", Creds, $"{Registry.BaseUri}v2/{Repository}/blobs/{layer}");

        RecordedRequest leaked = Assert.Single(Proxy.Requests, r => r.IsPresigned);
        Assert.StartsWith("Basic ", leaked.Header("Authorization"), StringComparison.Ordinal);
    }

    [EndToEndFact]
    public async Task ManifestGets_AreAnsweredByTheRegistry_NotRedirected()
    {
        using HttpClient http = Registry.CreateClient();
        var distribution = new DistributionClient(http);

        ManifestResponse index = await distribution.GetManifestAsync(Repository, Tag, CancellationToken.None);
        ManifestResponse manifest = await distribution.GetManifestAsync(Repository, Amd64.ManifestDigest, CancellationToken.None);
        using HttpResponseMessage blob = await http.GetAsync($"/v2/{Repository}/blobs/{Amd64.ConfigDigest}");

        Assert.True(index.StatusCode == HttpStatusCode.OK, $"GET {Repository}:{Tag}: {index}");
        Assert.Equal(Layout.Index, index.Body);
        Assert.True(manifest.StatusCode == HttpStatusCode.OK, $"GET {Repository}@{Amd64.ManifestDigest}: {manifest}");
        Assert.Equal(Amd64.ManifestDigest, Digests.Sha256(manifest.Body));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, blob.StatusCode);
        Assert.DoesNotContain(Proxy.Requests, r => r.IsPresigned);
    }

    /// <summary>
    /// What the store saw during one client's pull: a presigned GET (answered 200 or 206) of every layer, no GET of a
    /// blob object by the registry itself (it redirected instead of streaming), no Authorization header on any
    /// presigned request, and the client's credentials (Bearer, Basic, the admin password) on no request at all.
    /// </summary>
    private void AssertPulledThroughRedirects(string client, IEnumerable<string> layers)
    {
        IReadOnlyList<RecordedRequest> seen = Proxy.Requests;
        string log = string.Join('\n', seen.Select(Redacted));
        foreach (string layer in layers)
        {
            Assert.True(
                seen.Any(r => r.IsPresigned && r.Method == "GET" && r.Path.EndsWith("/" + Digests.Hex(layer), StringComparison.Ordinal) && r.Status is 200 or 206),
                $"{client}: no presigned GET of {layer} reached the store.\n{log}");
        }

        Assert.False(
            seen.Any(r => !r.IsPresigned && r.Method == "GET" && r.Path.Contains("/blobs/", StringComparison.Ordinal)),
            $"{client}: the registry read a blob from the store itself instead of redirecting.\n{log}");
        foreach (RecordedRequest request in seen)
        {
            if (request.IsPresigned)
            {
                Assert.True(request.Header("Authorization") is null, $"{client} sent an Authorization header to the store: {Redacted(request)}");
                Assert.Null(request.Header("Cookie"));
            }
            else
            {
                // The registry's own calls (stat, put) are signed with its S3 key, not with anything of the client's.
                Assert.StartsWith("AWS4-HMAC-SHA256 ", request.Header("Authorization") ?? string.Empty, StringComparison.Ordinal);
            }

            foreach ((string name, string value) in request.Headers)
            {
                Assert.False(value.Contains("Bearer", StringComparison.OrdinalIgnoreCase), $"{client}: {name} carried a bearer token to the store.");
                Assert.False(value.Contains("Basic ", StringComparison.OrdinalIgnoreCase), $"{client}: {name} carried Basic credentials to the store.");
                Assert.False(value.Contains(Registry.AdminPassword, StringComparison.Ordinal), $"{client}: {name} carried the admin password to the store.");
            }

            Assert.False(request.Query.Contains(Registry.AdminPassword, StringComparison.Ordinal), $"{client}: the admin password is in a store URL.");
        }
    }
}
