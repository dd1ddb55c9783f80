using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A registry process of ours pushing an image to another (a process of ours, or CNCF Distribution) through a recording proxy in 1 MiB chunks:
/// the source is killed (SIGKILL) while a chunk of its 32 MiB layer is on the wire, started again, and the rule run
/// again. The second run sends only the bytes the destination did not confirm, not the blobs the first run finished,
/// and the destination ends with every digest.
/// </summary>
[Collection(LargeBlobCollection.Name)]
public sealed class ReplicationKillResumeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Chunk = 1024 * 1024;
    private const int Large = 32 * Chunk;
    private const int AcceptedBeforeKill = 8;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private RegistryProcess? _source;
    private RegistryProcess? _destination;
    private RecordingProxy? _proxy;

    private RegistryProcess Source => _source!;

    private RegistryProcess Destination => _destination!;

    private RecordingProxy Proxy => _proxy!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach ((string name, RegistryProcess? registry) in new[] { ("source", _source), ("destination", _destination) })
        {
            if (registry is not null)
            {
                output.WriteLine($"--- {name} output ---");
                output.WriteLine(registry.RecentOutput(200));
                await registry.DisposeAsync();
            }
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task PushRule_KilledMidBlob_ResumesAfterRestart_WithoutSendingFinishedBlobsOrConfirmedBytesAgain()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        _destination = await RegistryProcess.StartAsync(cancellationToken: timeout.Token);
        await StartSourceAsync(Destination.BaseUri);
        using HttpClient destination = Destination.CreateClient();
        await KillMidBlobThenResumeAsync("admin", Destination.AdminPassword, destination, timeout.Token);
    }

    [EndToEndFact]
    public async Task PushRule_ToDistribution_KilledMidBlob_ResumesAfterRestart()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        string registryBinary = ExternalTool.Require("docker-registry", "docker-registry");
        using TempDirectory work = TempDirectory.Create("registry-replication-resume-distribution-");
        int port = FreePort();
        string config = work.Combine("config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {work.Combine("data")}
            http:
              addr: 127.0.0.1:{port}
            """, timeout.Token);
        using Process distribution = Process.Start(new ProcessStartInfo(registryBinary, ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitReadyAsync(http, timeout.Token);
            await StartSourceAsync(http.BaseAddress);
            await KillMidBlobThenResumeAsync(null, null, http, timeout.Token);
        }
        finally
        {
            distribution.Kill(entireProcessTree: true);
            await distribution.WaitForExitAsync(CancellationToken.None);
        }
    }

    private async Task KillMidBlobThenResumeAsync(string? user, string? password, HttpClient destination, CancellationToken ct)
    {
        const string repository = "team/big";
        byte[] config = Manifests.Config();
        byte[] small = Digests.RandomBytes(512 * 1024);
        byte[] large = new byte[Large];
        new Random(18).NextBytes(large);
        using (HttpClient source = Source.CreateClient())
        {
            foreach (byte[] blob in new[] { config, small, large })
            {
                await source.PushBlobAsync(repository, blob);
            }

            byte[] image = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, small), Descriptor.For(MediaTypes.OciLayer, large)]);
            await source.PushManifestAsync(repository, image, MediaTypes.OciManifest, "1.0");
            using HttpResponseMessage created = await source.PostAsJsonAsync("/api/v1/replication/rules", new
            {
                name = "dr",
                registry = new { url = Proxy.Url, username = user, password },
                filter = new { repositories = new[] { repository } },
            }, ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Hold the chunk after the eighth accepted one: the source is killed with it on the wire.
        int patches = 0;
        bool holding = true;
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Proxy.BeforeForward = async context =>
        {
            if (Volatile.Read(ref holding) && Microsoft.AspNetCore.Http.HttpMethods.IsPatch(context.Request.Method) && Interlocked.Increment(ref patches) > AcceptedBeforeKill)
            {
                held.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
        };
        HttpClient firstClient = Source.CreateClient(TimeSpan.FromMinutes(5));
        Task<HttpResponseMessage> first = firstClient.PostAsync("/api/v1/replication/rules/dr/run", null, ct);
        await held.Task.WaitAsync(ct);
        await Source.KillAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => first);
        firstClient.Dispose();
        Volatile.Write(ref holding, false);
        Assert.Contains(Proxy.Requests, r => r.Method == "PUT" && r.Query.Contains(Digests.Hex(Digests.Sha256(small)), StringComparison.Ordinal) && r.Status == 201);

        await Source.StartAgainAsync(ct);
        Proxy.Clear();
        JsonElement second = await RunAfterTheLeaseExpiresAsync(ct);

        Assert.True(second.GetProperty("status").GetString() == "succeeded", second.GetRawText());
        long resent = Large - ((long)AcceptedBeforeKill * Chunk);
        IReadOnlyList<RecordedRequest> requests = Proxy.Requests;
        long uploaded = requests.Where(r => r.Method is "PATCH" or "PUT" && r.Path.Contains("/blobs/uploads/", StringComparison.Ordinal))
            .Sum(r => long.Parse(r.Header("Content-Length") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(resent, uploaded);
        Assert.Equal(resent, second.GetProperty("bytes").GetInt64());
        Assert.Equal((1, 2), (second.GetProperty("blobsSent").GetInt32(), second.GetProperty("blobsSkipped").GetInt32()));
        Assert.DoesNotContain(requests, r => r.Method == "POST" && r.Path.Contains("/blobs/uploads/", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Method == "HEAD" && r.Path.EndsWith(Digests.Sha256(small), StringComparison.Ordinal) && r.Status == 200);
        Assert.Contains(requests, r => r.Method == "GET" && r.Path.Contains("/blobs/uploads/", StringComparison.Ordinal) && r.Status == 204);

        foreach (byte[] blob in new[] { config, small, large })
        {
            using HttpResponseMessage pulled = await destination.GetAsync($"/v2/{repository}/blobs/{Digests.Sha256(blob)}", ct);
            Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
            Assert.Equal(Digests.Sha256(blob), Digests.Sha256(await pulled.Content.ReadAsByteArrayAsync(ct)));
        }

        using var head = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/1.0");
        head.Headers.Accept.ParseAdd(MediaTypes.OciManifest);
        using HttpResponseMessage manifest = await destination.SendAsync(head, ct);
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
    }

    private async Task StartSourceAsync(Uri destination)
    {
        _proxy = await RecordingProxy.StartAsync(destination);
        _source = await RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["Registry__Replication__ChunkSize"] = Chunk.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Registry__Replication__LeaseTtl"] = "00:00:03",
        });
    }

    private static async Task WaitReadyAsync(HttpClient http, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using HttpResponseMessage response = await http.GetAsync("v2/", ct);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, ct);
        }

        throw new InvalidOperationException("docker-registry did not start");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs the rule once the killed process's lease (3 s) has expired.</summary>
    private async Task<JsonElement> RunAfterTheLeaseExpiresAsync(CancellationToken ct)
    {
        using HttpClient source = Source.CreateClient(TimeSpan.FromMinutes(3));
        while (true)
        {
            using HttpResponseMessage response = await source.PostAsync("/api/v1/replication/rules/dr/run", null, ct);
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                return json.RootElement.Clone();
            }

            await Task.Delay(500, ct);
        }
    }
}
