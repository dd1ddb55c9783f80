using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Tests.Api;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Two registry processes sharing one PostgreSQL database (and one blob directory): events made on either node are
/// delivered once, whichever node's worker claims them — with a backlog both nodes start on at the same moment, and
/// with both nodes sending as events arrive.
/// </summary>
public sealed class WebhookMultiNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Secret = "e2e-fleet-webhook-secret-0123";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly PostgresServer postgres = new();
    private readonly TempDirectory blobs = TempDirectory.Create("e2e-webhook-fleet-");
    private readonly List<RegistryProcess> nodes = [];

    public async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        var environment = new Dictionary<string, string>
        {
            ["Registry__Metadata__Provider"] = "postgres",
            ["Registry__Metadata__ConnectionString"] = await postgres.CreateDatabaseAsync(maxPoolSize: 30),
            ["Registry__Storage__Path"] = blobs.Path,
            ["Registry__Webhooks__InitialBackoff"] = "00:00:00.300",
            ["Registry__Webhooks__MaxBackoff"] = "00:00:01",
            ["Registry__Webhooks__MaxAttempts"] = "1000",
            ["Registry__Webhooks__PollInterval"] = "00:00:00.100",
            ["Registry__Webhooks__RefreshInterval"] = "00:00:00.500",
            ["Logging__LogLevel__Registry.Api.Events"] = "Debug",
        };
        for (var i = 0; i < 2; i++)
        {
            nodes.Add(await RegistryProcess.StartAsync(environment));
        }
    }

    [Fact]
    public async Task EventsFromBothNodes_AreDeliveredExactlyOnce_BacklogAndLive()
    {
        var ct = CancellationToken.None;
        await using var receiver = new WebhookReceiver(Secret);
        using var a = nodes[0].CreateClient();
        using var b = nodes[1].CreateClient();
        var webhooks = new WebhookApi(a);
        var webhook = await webhooks.CreateAsync("fleet-listener", receiver, ct);

        // Node B learns of the webhook within its refresh interval.
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);

        // A backlog while the receiver is down: pushes and pulls through both nodes.
        await MakeEventsAsync(a, b, "backlog", 16);
        var backlog = await webhooks.WaitForDeliveriesAsync(webhook, d => d.Count == 32 && d.All(x => x.GetProperty("attempts").GetInt32() >= 1),
            Patience, "32 deliveries, each attempted", ct);
        Assert.Equal(2, backlog.Select(d => d.GetProperty("event").GetProperty("source").GetProperty("instanceID").GetString()).Distinct().Count());

        // The receiver comes up: both nodes' workers go for the same backlog.
        await receiver.StartAsync();
        await webhooks.WaitForDeliveriesAsync(webhook, d => d.All(x => WebhookApi.Status(x) == "delivered"), Patience, "the backlog delivered", ct);

        // Live: events as they happen, sent by whichever node claims them first.
        await MakeEventsAsync(b, a, "live", 16);
        var all = await webhooks.WaitForDeliveriesAsync(webhook, d => d.Count == 64 && d.All(x => WebhookApi.Status(x) == "delivered"),
            Patience, "64 deliveries delivered", ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        var accepted = receiver.Accepted;
        var ids = accepted.SelectMany(r => r.Events()).Select(e => e.GetProperty("id").GetString()!).ToList();
        output.WriteLine($"{receiver.Received.Count} requests, {accepted.Count} accepted, {ids.Distinct().Count()} distinct events");
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid, $"invalid signature {r.Signature}"));
        Assert.Equal(64, ids.Count);
        Assert.Equal(all.Select(WebhookApi.EventId).Order(), ids.Order());
        Assert.Equal(64, accepted.Select(r => r.DeliveryId).Distinct().Count());

        // Both nodes' workers sent some (each logs its deliveries at Debug).
        var sentBy = nodes.Select(n => n.RecentOutput(4000).Split('\n').Count(l => l.Contains("Delivered event", StringComparison.Ordinal))).ToList();
        output.WriteLine($"deliveries sent per node: {string.Join(", ", sentBy)}");
        Assert.Equal(64, sentBy.Sum());
        Assert.All(sentBy, count => Assert.True(count > 0, $"a node sent nothing: {string.Join(", ", sentBy)}"));
    }

    /// <summary>Per image: blobs and a manifest pushed through one node, the manifest pulled through the other (push, pull; two events each).</summary>
    private static async Task MakeEventsAsync(HttpClient first, HttpClient second, string prefix, int images)
    {
        for (var i = 0; i < images; i++)
        {
            var (pusher, puller) = i % 2 == 0 ? (first, second) : (second, first);
            var repository = $"fleet/{prefix}{i}";
            var digest = await PushImageAsync(pusher, repository, "v1");
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/manifests/v1");
            request.Headers.Accept.ParseAdd(Api.MediaTypes.OciManifest);
            using var pulled = await puller.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
            Assert.Equal(digest, pulled.Headers.GetValues("Docker-Content-Digest").Single());
        }
    }

    private static async Task<string> PushImageAsync(HttpClient client, string repository, string tag)
    {
        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(1024);
        foreach (var blob in new[] { config, layer })
        {
            using var body = new ByteArrayContent(blob);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={Digests.Sha256(blob)}", body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        byte[] manifest = Manifests.OciImage(Descriptor.For(Api.MediaTypes.OciConfig, config), [Descriptor.For(Api.MediaTypes.OciLayer, layer)]);
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(Api.MediaTypes.OciManifest);
        using var put = await client.PutAsync($"/v2/{repository}/manifests/{tag}", content);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return Digests.Sha256(manifest);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            output.WriteLine($"--- node {node.HostPort} ---");
            output.WriteLine(node.RecentOutput(100));
            await node.DisposeAsync();
        }

        await postgres.DisposeAsync();
        blobs.Dispose();
    }
}
