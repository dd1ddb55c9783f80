using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// Webhooks against the real registry process and real docker: a receiver in the test sees every event of a docker
/// push, a cross-repository push (mounts) and a pull exactly once, each with a valid signature — also when the
/// receiver was down while they happened, the registry was restarted (gracefully, right after the last push) with
/// them undelivered, and the receiver failed its first requests once it came up.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DockerWebhookTests(DockerDaemon docker, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Secret = "e2e-webhook-secret-0123456789";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempDirectory work = TempDirectory.Create("e2e-docker-webhooks-");
    private RegistryProcess? registry;

    private RegistryProcess Registry => registry ?? throw new InvalidOperationException("The registry did not start.");

    public async Task InitializeAsync() => registry = await RegistryProcess.StartAsync(new Dictionary<string, string>
    {
        ["Registry__Webhooks__InitialBackoff"] = "00:00:00.500",
        ["Registry__Webhooks__MaxBackoff"] = "00:00:02",
        ["Registry__Webhooks__MaxAttempts"] = "1000",
        ["Registry__Webhooks__PollInterval"] = "00:00:00.200",
        ["Logging__LogLevel__Registry.Api.Events"] = "Debug",
    });

    [EndToEndFact]
    public async Task DockerPushMountAndPull_WhileTheReceiverIsDown_AcrossARestart_ArriveExactlyOnce_Signed()
    {
        var ct = CancellationToken.None;
        await using var receiver = new WebhookReceiver(Secret);
        using var http = Registry.CreateClient();
        var webhooks = new WebhookApi(http);
        var webhook = await webhooks.CreateAsync("e2e-listener", receiver, ct);

        // The receiver is down: docker pushes, pushes again to a second repository (layers mounted), and pulls.
        await docker.LoginAsync(Registry);
        var context = await DockerBuildContext.WriteAsync(work.Combine("context"), seed: 505, ct);
        var image = $"{Registry.HostPort}/team/app:1";
        var copy = $"{Registry.HostPort}/team/copy:1";
        await DockerImages.BuildAsync(docker, context, image);
        var (_, digest) = await DockerImages.PushAsync(docker, image);
        await docker.Docker("tag", image, copy);
        await DockerImages.PushAsync(docker, copy);
        await docker.Docker("rmi", image, copy);
        await docker.Docker("pull", image);
        await webhooks.WaitForDeliveriesAsync(webhook, d => d.Count > 0 && d.All(x => x.GetProperty("attempts").GetInt32() >= 1),
            Patience, "every delivery attempted at least once", ct);
        Assert.Empty(receiver.Received);

        // One more push, and at once a graceful restart (SIGTERM): its event may still be in the node's queue then.
        var second = $"{Registry.HostPort}/team/app:2";
        await docker.Docker("tag", image, second);
        await DockerImages.PushAsync(docker, second);
        await Registry.RestartAsync(ct);

        // The receiver comes up, failing its first two requests.
        receiver.FailNext = 2;
        await receiver.StartAsync();
        var delivered = await webhooks.WaitForDeliveriesAsync(webhook, d => d.All(x => WebhookApi.Status(x) == "delivered")
            && d.Any(x => x.GetProperty("event").GetProperty("target").TryGetProperty("tag", out var tag) && tag.GetString() == "2"),
            Patience, "every delivery delivered, the tag 2 push among them", ct);

        // Nothing more arrives later: each event was sent until accepted, and then never again.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var accepted = receiver.Accepted;
        output.WriteLine(string.Join('\n', delivered.Select(WebhookApi.Describe)));
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid, $"invalid signature {r.Signature}"));
        Assert.All(receiver.Received, r => Assert.Equal("application/vnd.docker.distribution.events.v1+json", r.ContentType));
        var acceptedEvents = accepted.SelectMany(r => r.Events()).ToList();
        var acceptedIds = acceptedEvents.Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.Equal(acceptedIds.Count, acceptedIds.Distinct().Count());
        Assert.Equal(delivered.Select(WebhookApi.EventId).Order(), acceptedIds.Order());
        Assert.Equal(receiver.Received.Count - 2, accepted.Count);

        var summary = acceptedEvents.Select(Summarize).ToList();
        output.WriteLine(string.Join('\n', summary));
        Assert.Contains(("push", "team/app", "1", digest), summary);
        Assert.Contains(("push", "team/copy", "1", digest), summary);
        Assert.Contains(("push", "team/app", "2", digest), summary);
        Assert.Contains(summary, s => s.Action == "pull" && s.Repository == "team/app" && s.Digest == digest);
        Assert.True(summary.Count(s => s.Action == "mount" && s.Repository == "team/copy") >= context.LayerCount, "a mount event per layer");
        Assert.All(acceptedEvents.Where(e => e.GetProperty("action").GetString() == "mount"),
            e => Assert.Equal("team/app", e.GetProperty("target").GetProperty("fromRepository").GetString()));
        Assert.All(acceptedEvents, e => Assert.Equal("admin", e.GetProperty("actor").GetProperty("name").GetString()));

        // Every event happened before the restart, so the first instance made them all; the second sent them.
        Assert.Single(acceptedEvents.Select(e => e.GetProperty("source").GetProperty("instanceID").GetString()).Distinct());
    }

    private static (string Action, string? Repository, string? Tag, string? Digest) Summarize(JsonElement e)
    {
        var target = e.GetProperty("target");
        string? Field(string name) => target.TryGetProperty(name, out var value) ? value.GetString() : null;
        return (e.GetProperty("action").GetString()!, Field("repository"), Field("tag"), Field("digest"));
    }

    public async Task DisposeAsync()
    {
        if (registry is not null)
        {
            output.WriteLine("--- registry output ---");
            output.WriteLine(registry.RecentOutput(300));
            await registry.DisposeAsync();
        }

        work.Dispose();
    }
}
