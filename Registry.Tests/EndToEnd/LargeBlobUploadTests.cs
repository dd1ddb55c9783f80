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
public sealed class LargeBlobUploadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long BlobSize = 1024L * 1024 * 1024;
    private const long AllowedPeakGrowth = 200L * 1024 * 1024;
    private const string Repository = "e2e/big";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    private RegistryProcess? registry;

    private RegistryProcess Registry => registry ?? throw new InvalidOperationException("The registry did not start.");

    public async Task InitializeAsync() => registry = await RegistryProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (registry is not null)
        {
            output.WriteLine("--- registry output ---");
            output.WriteLine(registry.RecentOutput(200));
            await registry.DisposeAsync();
        }
    }

    [Fact]
    public async Task StreamedPatchThenPut_Of1GiBBlob_KeepsRegistryMemoryFlatAndReadsBackIntact()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var ct = timeout.Token;
        using var http = Registry.CreateClient(Timeout.InfiniteTimeSpan);
        await WarmUpAsync(http, ct);
        var baseline = await StartMeasuringAsync(ct);

        var location = await StartUploadAsync(http, ct);
        using var blob = new PseudoRandomStream(BlobSize, seed: 7);
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, location))
        {
            // No Content-Length and no Content-Range: a chunked, streamed PATCH, as docker sends it.
            patch.Content = new StreamContent(blob, 1024 * 1024);
            patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await http.SendAsync(patch, ct);
            await AssertStatusAsync(HttpStatusCode.Accepted, response, "PATCH (streamed 1 GiB)", ct);
            Assert.Equal($"0-{BlobSize - 1}", SingleHeader(response, "Range"));
            location = ResolveLocation(response);
        }

        using (var put = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, blob.Digest)))
        {
            put.Content = new ByteArrayContent([]);
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await http.SendAsync(put, ct);
            await AssertStatusAsync(HttpStatusCode.Created, response, "PUT ?digest= (closing the upload)", ct);
            Assert.Equal(blob.Digest, SingleHeader(response, "Docker-Content-Digest"));
        }

        await AssertPeakGrowthAsync(baseline, "upload", ct);
        await AssertBlobReadsBackAsync(http, blob.Digest, ct);
        await AssertPeakGrowthAsync(baseline, "upload and download", ct);
    }

    [Fact]
    public async Task MonolithicPut_Of1GiBBlob_KeepsRegistryMemoryFlatAndReadsBackIntact()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var ct = timeout.Token;
        const ulong seed = 11;
        var digest = PseudoRandomStream.ComputeDigest(BlobSize, seed);
        using var http = Registry.CreateClient(Timeout.InfiniteTimeSpan);
        await WarmUpAsync(http, ct);
        var baseline = await StartMeasuringAsync(ct);

        var location = await StartUploadAsync(http, ct);
        using var blob = new PseudoRandomStream(BlobSize, seed);
        using (var put = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest)))
        {
            put.Content = new StreamContent(blob, 1024 * 1024);
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            put.Content.Headers.ContentLength = BlobSize;
            using var response = await http.SendAsync(put, ct);
            await AssertStatusAsync(HttpStatusCode.Created, response, "PUT ?digest= with the whole 1 GiB body", ct);
            Assert.Equal(digest, SingleHeader(response, "Docker-Content-Digest"));
        }

        Assert.Equal(digest, blob.Digest);
        await AssertPeakGrowthAsync(baseline, "upload", ct);
        await AssertBlobReadsBackAsync(http, digest, ct);
        await AssertPeakGrowthAsync(baseline, "upload and download", ct);
    }

    /// <summary>A small upload and download first, so start-up allocations are not counted against the big one.</summary>
    private async Task WarmUpAsync(HttpClient http, CancellationToken ct)
    {
        const ulong seed = 3;
        const long size = 4 * 1024 * 1024;
        var digest = PseudoRandomStream.ComputeDigest(size, seed);
        var location = await StartUploadAsync(http, ct);
        using var put = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest))
        {
            Content = new StreamContent(new PseudoRandomStream(size, seed)),
        };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        put.Content.Headers.ContentLength = size;
        using var response = await http.SendAsync(put, ct);
        await AssertStatusAsync(HttpStatusCode.Created, response, "warm-up PUT ?digest= (4 MiB)", ct);
        await AssertBlobReadsBackAsync(http, digest, ct, size);
    }

    private async Task<ProcessMemorySnapshot> StartMeasuringAsync(CancellationToken ct)
    {
        var reset = await ProcessMemory.TryResetPeakAsync(Registry.ProcessId, ct);
        var baseline = await Registry.ReadMemoryAsync(ct);
        output.WriteLine($"before: {baseline} (peak reset: {reset})");
        return baseline;
    }

    private async Task AssertPeakGrowthAsync(ProcessMemorySnapshot baseline, string phase, CancellationToken ct)
    {
        var now = await Registry.ReadMemoryAsync(ct);
        var growth = now.PeakResidentBytes - baseline.ResidentBytes;
        output.WriteLine($"after {phase}: {now}; peak growth {growth / (1024 * 1024)} MiB");
        Assert.True(
            growth < AllowedPeakGrowth,
            $"The registry's peak RSS grew by {growth / (1024 * 1024)} MiB during the 1 GiB {phase} " +
            $"(before: {baseline}; after: {now}); it must stream, growing by less than {AllowedPeakGrowth / (1024 * 1024)} MiB.");
    }

    private async Task AssertBlobReadsBackAsync(HttpClient http, string digest, CancellationToken ct, long size = BlobSize)
    {
        using (var head = new HttpRequestMessage(HttpMethod.Head, $"v2/{Repository}/blobs/{digest}"))
        {
            using var response = await http.SendAsync(head, ct);
            await AssertStatusAsync(HttpStatusCode.OK, response, "HEAD blob", ct);
            Assert.Equal(size, response.Content.Headers.ContentLength);
        }

        using var get = await http.GetAsync($"v2/{Repository}/blobs/{digest}", HttpCompletionOption.ResponseHeadersRead, ct);
        await AssertStatusAsync(HttpStatusCode.OK, get, "GET blob", ct);
        Assert.Equal(size, get.Content.Headers.ContentLength);
        await using var body = await get.Content.ReadAsStreamAsync(ct);
        var read = await StreamDigest.ComputeAsync(body, ct);
        Assert.Equal(size, read.Length);
        Assert.Equal(digest, read.Digest);

        var file = Registry.BlobPath(digest);
        Assert.True(File.Exists(file), $"{file} does not exist.");
        Assert.Equal(size, new FileInfo(file).Length);
    }

    private async Task<Uri> StartUploadAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.PostAsync($"v2/{Repository}/blobs/uploads/", content: null, ct);
        await AssertStatusAsync(HttpStatusCode.Accepted, response, "POST /blobs/uploads/", ct);
        return ResolveLocation(response);
    }

    private Uri ResolveLocation(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} without a Location header.");
        return location.IsAbsoluteUri ? location : new Uri(Registry.BaseUri, location);
    }

    private static Uri WithDigest(Uri location, string digest)
    {
        var builder = new UriBuilder(location);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length == 0 ? string.Empty : query + "&") + "digest=" + Uri.EscapeDataString(digest);
        return builder.Uri;
    }

    private static string? SingleHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    private static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response, string step, CancellationToken ct)
    {
        if (response.StatusCode == expected)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.Fail(
            $"{step}: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered " +
            $"{(int)response.StatusCode} {response.StatusCode}, expected {(int)expected} {expected}.\n" +
            $"Response headers:\n{response.Headers}{response.Content.Headers}\nBody: {(body.Length > 2000 ? body[..2000] : body)}");
    }
}
