using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Replication;

/// <summary>
/// Each finished run is a <c>replication.run</c> event: a real receiver gets the rule, trigger, status, counts, bytes,
/// duration and problem (never the password), signed like every delivery; a webhook filtered to repositories does not.
/// </summary>
public sealed class ReplicationWebhookTests
{
    private const string Secret = "replication-webhook-secret-0123";

    private static async Task<string> CreateWebhookAsync(AuthRegistry registry, WebhookReceiver receiver, object? filter = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = AuthRegistry.UniqueName("hook"),
            ["url"] = receiver.Url,
            ["secret"] = receiver.Secret,
        };
        foreach (JsonProperty property in JsonSerializer.SerializeToElement(filter ?? new { actions = new[] { "replication.run" } }).EnumerateObject())
        {
            body[property.Name] = property.Value;
        }

        using HttpResponseMessage response = await registry.Admin.PostAsJsonAsync("/api/v1/webhooks", body);
        await OciAssert.SuccessAsync(response, HttpStatusCode.Created);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task FinishedRuns_AreDeliveredAsReplicationRunEvents_WithTheirOutcome_AndNeverTheCredentials()
    {
        using var peers = new ScheduledReplicationPeers(new Dictionary<string, string>
        {
            ["Registry:Webhooks:PollInterval"] = "00:00:00.100",
            ["Registry:Webhooks:InitialBackoff"] = "00:00:00.200",
        });
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(Secret);
        await using WebhookReceiver scoped = await WebhookReceiver.StartAsync(Secret);
        string ns = AuthRegistry.UniqueName("team");
        await CreateWebhookAsync(peers.Source, receiver);
        string scopedId = await CreateWebhookAsync(peers.Source, scoped, new { namespaces = new[] { ns } });
        await peers.Source.PushImageAsync($"{ns}/app", "1.0");
        string rule = "hooked-" + ns;
        using (HttpResponseMessage created = await peers.Source.Admin.PostAsJsonAsync("/api/v1/replication/rules", new
        {
            name = rule,
            registry = new { url = "http://localhost", username = "admin", password = RegistryApiFactory.AdminPassword },
            filter = new { repositories = new[] { $"{ns}/*" } },
            mapping = new { mode = "prefix", from = ns, to = "dr-" + ns },
        }))
        {
            await OciAssert.SuccessAsync(created, HttpStatusCode.Created);
        }

        using (HttpResponseMessage run = await peers.Source.Admin.PostAsync($"/api/v1/replication/rules/{rule}/run", null))
        {
            await OciAssert.SuccessAsync(run, HttpStatusCode.OK);
        }

        peers.DestinationDown = true;
        using (HttpResponseMessage run = await peers.Source.Admin.PostAsync($"/api/v1/replication/rules/{rule}/run", null))
        {
            await OciAssert.SuccessAsync(run, HttpStatusCode.OK);
        }

        IReadOnlyList<ReceivedWebhook> received = await receiver.WaitForAcceptedAsync(r => r.Count >= 2, TimeSpan.FromSeconds(30), "two replication.run events");
        Assert.All(received, r => Assert.True(r.SignatureValid));
        Assert.All(received, r => Assert.DoesNotContain(RegistryApiFactory.AdminPassword, Encoding.UTF8.GetString(r.Body), StringComparison.Ordinal));
        JsonElement[] events = [.. received.SelectMany(r => r.Events()).OrderBy(e => e.GetProperty("replication").GetProperty("run").GetInt64())];
        Assert.All(events, e => Assert.Equal(("replication.run", "admin"), (e.GetProperty("action").GetString(), e.GetProperty("actor").GetProperty("name").GetString())));

        JsonElement succeeded = events[0].GetProperty("replication");
        Assert.Equal(
            (rule, "push", "http://localhost", "manual", "succeeded", 1, 0, 0, false),
            (succeeded.GetProperty("rule").GetString(), succeeded.GetProperty("direction").GetString(), succeeded.GetProperty("registry").GetString(),
                succeeded.GetProperty("trigger").GetString(), succeeded.GetProperty("status").GetString(), succeeded.GetProperty("copied").GetInt32(),
                succeeded.GetProperty("skipped").GetInt32(), succeeded.GetProperty("failed").GetInt32(), succeeded.GetProperty("unreachable").GetBoolean()));
        Assert.True(succeeded.GetProperty("bytes").GetInt64() > 0);
        Assert.True(succeeded.GetProperty("blobsSent").GetInt32() > 0);
        Assert.True(succeeded.GetProperty("requests").GetInt32() > 0);
        Assert.True(succeeded.GetProperty("durationMs").GetInt64() >= 0);
        Assert.False(succeeded.TryGetProperty("problem", out _));
        Assert.False(succeeded.TryGetProperty("reason", out _));

        JsonElement failed = events[1].GetProperty("replication");
        Assert.Equal(("failed", true), (failed.GetProperty("status").GetString(), failed.GetProperty("unreachable").GetBoolean()));
        Assert.StartsWith("the other registry could not be reached", failed.GetProperty("problem").GetString(), StringComparison.Ordinal);

        // The webhook filtered to the namespace has the push (and the runs' deliveries were queued with the runs), but
        // no replication.run: it concerns no one repository.
        using HttpResponseMessage deliveries = await peers.Source.Admin.GetAsync($"/api/v1/webhooks/{scopedId}/deliveries");
        await OciAssert.SuccessAsync(deliveries, HttpStatusCode.OK);
        using JsonDocument listed = JsonDocument.Parse(await deliveries.Content.ReadAsStringAsync());
        Assert.Equal(["push"], listed.RootElement.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("action").GetString()));
    }
}
