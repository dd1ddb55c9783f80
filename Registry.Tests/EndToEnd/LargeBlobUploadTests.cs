using System.Net;
using System.Net.Http.Headers;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A 1 GiB incompressible blob pushed with plain HttpClient must stream through the registry: its peak resident
/// memory may grow by far less than the blob, and the blob must read back byte for byte.
/// </summary>
[Collection(LargeBlobCollection.Name)]
public sealed class LargeBlobUploadTests(ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-large-")
{
    private const long BlobSize = 1024L * 1024 * 1024;
    private const long AllowedPeakGrowth = 200L * 1024 * 1024;
    private const string Repository = "e2e/big";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task StreamedPatchThenPut_Of1GiBBlob_KeepsRegistryMemoryFlatAndReadsBackIntact()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var ct = timeout.Token;
        using var http = Registry.CreateClient(Timeout.InfiniteTimeSpan);
        var uploads = new BlobUploadClient(http);
        await WarmUpAsync(uploads, ct);
        var memory = await PeakMemoryWatch.StartAsync(Registry, Output, AllowedPeakGrowth, ct);

        var location = await uploads.StartAsync(Repository, ct);
        using var blob = new PseudoRandomStream(BlobSize, seed: 7);
        // No Content-Length and no Content-Range: a chunked, streamed PATCH, as docker sends it.
        (location, var range) = await uploads.PatchAsync(location, blob, offset: null, length: null, ct);
        Assert.Equal($"0-{BlobSize - 1}", range);
        Assert.Equal(blob.Digest, await uploads.CompleteAsync(location, blob.Digest, body: null, length: 0, ct));

        await memory.AssertAsync("the 1 GiB upload", ct);
        await AssertReadsBackAsync(uploads, blob.Digest, BlobSize, ct);
        await memory.AssertAsync("the 1 GiB upload and download", ct);
    }

    [Fact]
    public async Task MonolithicPut_Of1GiBBlob_KeepsRegistryMemoryFlatAndReadsBackIntact()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var ct = timeout.Token;
        const ulong seed = 11;
        var digest = PseudoRandomStream.ComputeDigest(BlobSize, seed);
        using var http = Registry.CreateClient(Timeout.InfiniteTimeSpan);
        var uploads = new BlobUploadClient(http);
        await WarmUpAsync(uploads, ct);
        var memory = await PeakMemoryWatch.StartAsync(Registry, Output, AllowedPeakGrowth, ct);

        var location = await uploads.StartAsync(Repository, ct);
        using var blob = new PseudoRandomStream(BlobSize, seed);
        Assert.Equal(digest, await uploads.CompleteAsync(location, digest, blob, BlobSize, ct));
        Assert.Equal(digest, blob.Digest);

        await memory.AssertAsync("the 1 GiB upload", ct);
        await AssertReadsBackAsync(uploads, digest, BlobSize, ct);
        await memory.AssertAsync("the 1 GiB upload and download", ct);
    }

    [Fact]
    public async Task ContentRangePatches_Of1GiBBlobInFourChunks_KeepRegistryMemoryFlatAndServeByteRanges()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var ct = timeout.Token;
        const long chunk = BlobSize / 4;
        const ulong seed = 13;
        var digest = PseudoRandomStream.ComputeDigest(BlobSize, seed);
        using var http = Registry.CreateClient(Timeout.InfiniteTimeSpan);
        var uploads = new BlobUploadClient(http);
        await WarmUpAsync(uploads, ct);
        var memory = await PeakMemoryWatch.StartAsync(Registry, Output, AllowedPeakGrowth, ct);

        var location = await uploads.StartAsync(Repository, ct);
        using var blob = new PseudoRandomStream(BlobSize, seed);
        for (long offset = 0; offset < BlobSize - chunk; offset += chunk)
        {
            (location, var range) = await uploads.PatchAsync(location, new SliceStream(blob, chunk), offset, chunk, ct);
            Assert.Equal($"0-{offset + chunk - 1}", range);
        }

        // The last quarter goes with the closing PUT.
        Assert.Equal(digest, await uploads.CompleteAsync(location, digest, new SliceStream(blob, chunk), chunk, ct));
        Assert.Equal(digest, blob.Digest);

        await memory.AssertAsync("the 1 GiB upload", ct);
        await AssertReadsBackAsync(uploads, digest, BlobSize, ct);
        await AssertTailRangeAsync(http, digest, seed, ct);
        await memory.AssertAsync("the 1 GiB upload and download", ct);
    }

    /// <summary>A small upload and download first, so start-up allocations are not counted against the big one.</summary>
    private static async Task WarmUpAsync(BlobUploadClient uploads, CancellationToken ct)
    {
        const ulong seed = 3;
        const long size = 4 * 1024 * 1024;
        var digest = PseudoRandomStream.ComputeDigest(size, seed);
        var location = await uploads.StartAsync(Repository, ct);
        await uploads.CompleteAsync(location, digest, new PseudoRandomStream(size, seed), size, ct);
        var read = await uploads.ReadBackAsync(Repository, digest, ct);
        Assert.Equal(new StreamDigest(digest, size), read);
    }

    private async Task AssertReadsBackAsync(BlobUploadClient uploads, string digest, long size, CancellationToken ct)
    {
        using (var http = Registry.CreateClient())
        using (var head = new HttpRequestMessage(HttpMethod.Head, $"v2/{Repository}/blobs/{digest}"))
        {
            using var response = await http.SendAsync(head, ct);
            await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, response, "HEAD blob", ct);
            Assert.Equal(size, response.Content.Headers.ContentLength);
            Assert.Equal(digest, BlobUploadClient.Header(response, "Docker-Content-Digest"));
        }

        Assert.Equal(new StreamDigest(digest, size), await uploads.ReadBackAsync(Repository, digest, ct));
        var file = Registry.BlobPath(digest);
        Assert.True(File.Exists(file), $"{file} does not exist.");
        Assert.Equal(size, new FileInfo(file).Length);
    }

    /// <summary>The last 1000 bytes by Range must be exactly the generator's last 1000 bytes.</summary>
    private static async Task AssertTailRangeAsync(HttpClient http, string digest, ulong seed, CancellationToken ct)
    {
        const int tail = 1000;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{Repository}/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(BlobSize - tail, BlobSize - 1);
        using var response = await http.SendAsync(request, ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.PartialContent, response, "GET blob with Range", ct);
        Assert.Equal($"bytes {BlobSize - tail}-{BlobSize - 1}/{BlobSize}", response.Content.Headers.ContentRange?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);

        using var expected = new PseudoRandomStream(BlobSize, seed);
        await new SliceStream(expected, BlobSize - tail).CopyToAsync(Stream.Null, ct);
        var expectedTail = new byte[tail];
        expected.ReadExactly(expectedTail);
        Assert.Equal(expectedTail, bytes);
    }
}
