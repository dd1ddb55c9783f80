using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Registry.Tests.Api.Gc;

/// <summary>
/// The race the issue asks for: collection running continuously with no review delay while four clients push
/// images that share layers, tag, move and delete tags, delete manifests and pull. Afterwards every image pulls
/// completely and verifies, the store holds exactly the blobs live images use (on disk, or in the bucket on the
/// PostgreSQL + S3 pass), and deleting images then frees exactly their deleted-only bytes and objects.
/// </summary>
public sealed class GcConcurrencyTests : IDisposable
{
    private static readonly TimeSpan PinDuration = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RaceLength = TimeSpan.FromSeconds(25);
    private readonly RegistryApiFactory _storage = new();
    private readonly SkippingClock _clock = new();
    private readonly WebApplicationFactory<Program> _registry;
    private readonly ITestOutputHelper _output;

    public GcConcurrencyTests(ITestOutputHelper output)
    {
        _output = output;
        _registry = _storage.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Registry:Gc:ReviewDelay", "00:00:00");
            builder.UseSetting("Registry:Gc:Interval", "00:00:00.200");
            builder.UseSetting("Registry:Gc:PinDuration", PinDuration.ToString());
            builder.UseSetting("Registry:Gc:BatchSize", "20");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));
        });
    }

    public void Dispose()
    {
        _registry.Dispose();
        _storage.Dispose();
    }

    private HttpClient Admin()
    {
        HttpClient client = _registry.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + RegistryApiFactory.AdminPassword)));
        return client;
    }

    private static async Task<JsonElement> CallAsync(HttpClient client, HttpMethod method, string url)
    {
        using HttpResponseMessage response = await client.SendAsync(new HttpRequestMessage(method, url));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {url} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static SortedSet<string> Keys(IEnumerable<KeyValuePair<string, long>> blobs) => new(blobs.Select(b => b.Key), StringComparer.Ordinal);

    [Fact]
    public async Task ClientsRacingContinuousCollection_LeaveEveryImageWhole_AndOnlyLiveBlobsStored_ThenDeletesFreeExactlyTheirBytes()
    {
        using HttpClient admin = Admin();
        byte[][] baseLayers = [.. Enumerable.Range(0, 12).Select(i => Digests.RandomBytes(32 * 1024 * (1 + (i % 4))))];
        var clients = Enumerable.Range(0, 4).Select(i => new RaceClient(Admin(), i, baseLayers, seed: 1000 + i)).ToList();

        DateTimeOffset deadline = TimeProvider.System.GetUtcNow() + RaceLength;
        await Task.WhenAll(clients.Select(c => Task.Run(() => c.RunUntilAsync(deadline))));

        Assert.Empty(clients.SelectMany(c => c.Failures));
        Assert.True(clients.Sum(c => c.Operations) >= 200, $"only {clients.Sum(c => c.Operations)} operations ran");
        JsonElement history = await CallAsync(admin, HttpMethod.Get, "/api/v1/gc?runs=1000");
        int collected = history.GetProperty("runs").EnumerateArray().Sum(r => r.GetProperty("blobsDeleted").GetInt32());
        _output.WriteLine($"{clients.Sum(c => c.Operations)} operations, {history.GetProperty("runs").GetArrayLength()} passes removed {collected} blobs, {clients.Sum(c => c.Images.Count)} images live");
        Assert.True(collected > 0, "collection removed nothing during the race");

        foreach (RaceClient client in clients)
        {
            foreach (RaceImage image in client.Images)
            {
                await client.PullAsync(image);
            }
        }

        Assert.Empty(clients.SelectMany(c => c.Failures));

        // Once every pin written during the race has expired, a pass leaves exactly what live images use.
        _clock.Skip(PinDuration + TimeSpan.FromSeconds(1));
        await CallAsync(admin, HttpMethod.Post, "/api/v1/gc/run");
        List<RaceImage> images = [.. clients.SelectMany(c => c.Images)];
        Dictionary<string, long> live = images.SelectMany(i => i.Stored).DistinctBy(b => b.Key).ToDictionary();
        IReadOnlyDictionary<string, long> stored = _storage.StoredBlobSizes();
        Assert.Equal(Keys(live), Keys(stored));

        // Deleting every other image frees exactly the blobs no remaining image uses: count and bytes.
        List<RaceImage> deleted = [.. images.Where((_, i) => i % 2 == 0)];
        List<RaceImage> remaining = [.. images.Except(deleted)];
        HashSet<string> stillUsed = [.. remaining.SelectMany(i => i.Stored).Select(b => b.Key)];
        Dictionary<string, long> deletedOnly = deleted.SelectMany(i => i.Stored).Where(b => !stillUsed.Contains(b.Key)).DistinctBy(b => b.Key).ToDictionary();
        Assert.NotEmpty(deletedOnly);
        foreach (RaceImage image in deleted)
        {
            using HttpResponseMessage response = await admin.DeleteAsync($"/v2/{image.Repository}/manifests/{image.Digest}");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await CallAsync(admin, HttpMethod.Post, "/api/v1/gc/run");
        IReadOnlyDictionary<string, long> after = _storage.StoredBlobSizes();
        Assert.Equal(stored.Count - deletedOnly.Count, after.Count);
        Assert.Equal(stored.Values.Sum() - deletedOnly.Values.Sum(), after.Values.Sum());
        Assert.Equal(Keys(deletedOnly), new SortedSet<string>(stored.Keys.Except(after.Keys), StringComparer.Ordinal));

        RaceClient verifier = clients[0];
        foreach (RaceImage image in remaining)
        {
            await verifier.PullAsync(image);
        }

        Assert.Empty(verifier.Failures);
    }
}
