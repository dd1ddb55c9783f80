using System.Net;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>Blob uploads that outlive a registry crash, and uploads of one blob that race each other.</summary>
[Collection(LargeBlobCollection.Name)]
public sealed class UploadResilienceTests(ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-resilience-")
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ChunkedUpload_InterruptedByRegistryKill_ResumesFromReportedRangeAndCommits()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var ct = timeout.Token;
        const string repository = "e2e/resumed";
        const long half = 64L * 1024 * 1024;
        const ulong seed = 21;
        var digest = PseudoRandomStream.ComputeDigest(2 * half, seed);
        using var blob = new PseudoRandomStream(2 * half, seed);

        Uri location;
        using (var http = Registry.CreateClient())
        {
            var uploads = new BlobUploadClient(http);
            location = await uploads.StartAsync(repository, ct);
            (location, var range) = await uploads.PatchAsync(location, new SliceStream(blob, half), 0, half, ct);
            Assert.Equal($"0-{half - 1}", range);
        }

        await Registry.RestartAfterKillAsync(ct);

        using (var http = Registry.CreateClient())
        {
            var uploads = new BlobUploadClient(http);
            Assert.Equal($"0-{half - 1}", await uploads.StatusAsync(location, ct));
            (location, var range) = await uploads.PatchAsync(location, new SliceStream(blob, half), half, half, ct);
            Assert.Equal($"0-{2 * half - 1}", range);
            Assert.Equal(digest, await uploads.CompleteAsync(location, digest, body: null, length: 0, ct));
            Assert.Equal(new StreamDigest(digest, 2 * half), await uploads.ReadBackAsync(repository, digest, ct));
        }
    }

    [Fact]
    public async Task ConcurrentUploads_OfSameBlobToEightRepositories_AllCommitAndStoreItOnce()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var ct = timeout.Token;
        const long size = 32L * 1024 * 1024;
        const ulong seed = 22;
        const int uploaders = 8;
        var digest = PseudoRandomStream.ComputeDigest(size, seed);
        using var http = Registry.CreateClient();
        var uploads = new BlobUploadClient(http);

        var locations = await Task.WhenAll(Enumerable.Range(0, uploaders).Select(i => uploads.StartAsync($"e2e/race{i}", ct)));
        var digests = await Task.WhenAll(locations.Select(location => Task.Run(
            () => uploads.CompleteAsync(location, digest, new PseudoRandomStream(size, seed), size, ct), ct)));

        Assert.All(digests, reported => Assert.Equal(digest, reported));
        Assert.Equal([digest], Registry.StoredBlobDigests());
        Assert.Equal(size, new FileInfo(Registry.BlobPath(digest)).Length);
        for (var i = 0; i < uploaders; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await new DistributionClient(http).HeadBlobAsync($"e2e/race{i}", digest, ct));
            Assert.Equal(new StreamDigest(digest, size), await uploads.ReadBackAsync($"e2e/race{i}", digest, ct));
        }
    }
}
