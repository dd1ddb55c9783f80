using System.Net;
using System.Net.Http.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A 1 GiB incompressible artifact deployed with one streamed PUT (checksums computed while writing, the SHA-256
/// sent verified) must not grow the registry's memory with its size, and must download byte for byte.
/// </summary>
[Collection(LargeBlobCollection.Name)]
public sealed class ArtifactLargeUploadTests(ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-large-artifact-")
{
    private const long Size = 1024L * 1024 * 1024;
    private const long AllowedPeakGrowth = 200L * 1024 * 1024;
    private const string Repo = "big-files";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Deploy_Of1GiBArtifact_KeepsRegistryMemoryFlat_AndDownloadsIntact()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        CancellationToken ct = timeout.Token;
        const ulong seed = 17;
        string digest = PseudoRandomStream.ComputeDigest(Size, seed);
        using HttpClient http = Registry.CreateClient(Timeout.InfiniteTimeSpan);
        await new ManagementClient(http).CreateArtifactRepositoryAsync(Repo, "generic", ct);

        // Warm up: a small deploy and download, so start-up allocations are not counted against the big one.
        await DeployAsync(http, "warm/up.bin", new PseudoRandomStream(4 * 1024 * 1024, 3), 4 * 1024 * 1024, null, ct);
        await DownloadAsync(http, "warm/up.bin", ct);

        PeakMemoryWatch memory = await PeakMemoryWatch.StartAsync(Registry, Output, AllowedPeakGrowth, ct);

        using (var blob = new PseudoRandomStream(Size, seed))
        {
            await DeployAsync(http, "releases/disk-image.bin", blob, Size, Digests.Hex(digest), ct);
        }

        await memory.AssertAsync("the 1 GiB artifact deploy", ct);
        StreamDigest read = await DownloadAsync(http, "releases/disk-image.bin", ct);
        Assert.Equal(new StreamDigest(digest, Size), read);
        await memory.AssertAsync("the 1 GiB artifact deploy and download", ct);
        Assert.Contains(digest, Registry.StoredBlobDigests());
    }

    private static async Task DeployAsync(HttpClient http, string path, Stream body, long length, string? sha256, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"artifactory/{Repo}/{path}") { Content = new StreamContent(body, 1024 * 1024) };
        request.Content.Headers.ContentLength = length;
        if (sha256 is not null)
        {
            request.Headers.Add("X-Checksum-Sha256", sha256);
        }

        using HttpResponseMessage response = await http.SendAsync(request, ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"deploy {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }

    private static async Task<StreamDigest> DownloadAsync(HttpClient http, string path, CancellationToken ct)
    {
        using HttpResponseMessage response = await http.GetAsync($"artifactory/{Repo}/{path}", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using Stream body = await response.Content.ReadAsStreamAsync(ct);
        StreamDigest read = await StreamDigest.ComputeAsync(body, ct);
        Assert.Equal(response.Content.Headers.ContentLength, read.Length);
        return read;
    }
}
