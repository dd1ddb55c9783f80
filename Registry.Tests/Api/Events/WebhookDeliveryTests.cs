using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Events;

/// <summary>
/// How deliveries go: retried with backoff until accepted or given up (6 attempts here), recorded for the console
/// (status, attempts, last status and error), filtered by repository and action, paused while a webhook is
/// disabled, and the test ping.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookRegistry registry) : IClassFixture<WebhookRegistry>
{
    private static string Status(JsonElement delivery) => delivery.GetProperty("status").GetString()!;

    [Fact]
    public async Task FailingReceiver_IsRetriedUntilItAccepts_AndGetsTheEventOnce()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        receiver.FailNext = 2;
        string ns = AuthRegistry.UniqueName("ns");
        string webhook = await registry.CreateWebhookAsync(receiver, ns);

        await registry.PushImageAsync($"{ns}/app", "v1");

        JsonElement delivery = Assert.Single(await registry.SettledDeliveriesAsync(webhook, 1));
        Assert.Equal("delivered", Status(delivery));
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("nextAttemptAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, delivery.GetProperty("deliveredAt").ValueKind);
        Assert.Equal(["1", "2", "3"], receiver.Received.Select(r => r.Attempt));
        Assert.Single(receiver.Accepted);
        Assert.Single(receiver.Received.Select(r => r.EventId).Distinct());
        Assert.Single(receiver.Received.Select(r => Convert.ToBase64String(r.Body)).Distinct());
        Assert.Equal(delivery.GetProperty("eventId").GetString(), receiver.Accepted[0].EventId);
        Assert.Equal("push", delivery.GetProperty("event").GetProperty("action").GetString());
    }

    [Fact]
    public async Task ReceiverThatNeverAccepts_IsGivenUpAfterMaxAttempts_WithTheLastError()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        receiver.FailAll = true;
        string ns = AuthRegistry.UniqueName("ns");
        string webhook = await registry.CreateWebhookAsync(receiver, ns);

        await registry.PushImageAsync($"{ns}/app", "v1");

        JsonElement delivery = Assert.Single(await registry.SettledDeliveriesAsync(webhook, 1));
        Assert.Equal("failed", Status(delivery));
        Assert.Equal(6, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(500, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.StartsWith("500", delivery.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, receiver.Received.Count);
        Assert.Equal([delivery], await registry.DeliveriesAsync(webhook, "&status=failed"), JsonElementComparer.Instance);
    }

    [Fact]
    public async Task ReceiverThatIsDown_RecordsTheConnectionError_AndGetsTheEventOnceItComesUp()
    {
        var receiver = new WebhookReceiver(WebhookRegistry.Secret);
        await using (receiver)
        {
            string ns = AuthRegistry.UniqueName("ns");
            string webhook = await registry.CreateWebhookAsync(receiver, ns);
            await registry.PushImageAsync($"{ns}/app", "v1");
            JsonElement failing = await WaitForAsync(registry, webhook, d => d.GetProperty("attempts").GetInt32() >= 1);
            Assert.Equal("pending", Status(failing));
            Assert.Equal(JsonValueKind.Null, failing.GetProperty("lastStatusCode").ValueKind);
            Assert.False(string.IsNullOrEmpty(failing.GetProperty("lastError").GetString()));

            // Up again before the attempts run out (six, together more than 1.5 s): the event arrives, once.
            await receiver.StartAsync();
            JsonElement delivered = Assert.Single(await registry.SettledDeliveriesAsync(webhook, 1));
            Assert.Equal("delivered", Status(delivered));
            Assert.Single(receiver.Accepted);
        }
    }

    [Fact]
    public async Task Filters_SelectByNamespaceRepositoryPatternAndAction_AndDisabledWebhooksGetNothing()
    {
        await using WebhookReceiver byNamespace = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        await using WebhookReceiver byRepository = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        await using WebhookReceiver byPattern = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        await using WebhookReceiver disabled = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        string other = AuthRegistry.UniqueName("ns");
        string nsHook = await registry.CreateWebhookAsync(byNamespace, ns, new { actions = new[] { "push" } });
        string repoHook = await registry.CreateWebhookAsync(byRepository, "unused", new { namespaces = Array.Empty<string>(), repositories = new[] { $"{other}/exact" } });
        string patternHook = await registry.CreateWebhookAsync(byPattern, "unused", new { namespaces = Array.Empty<string>(), repositoryPattern = $"{other}/base/.*" });
        string offHook = await registry.CreateWebhookAsync(disabled, ns, new { enabled = false });

        await registry.PushImageAsync($"{ns}/app", "v1");
        (await registry.Admin.GetAsync($"/v2/{ns}/app/manifests/v1")).Dispose();
        await registry.PushImageAsync($"{other}/exact", "v1");
        await registry.PushImageAsync($"{other}/exact-not", "v1");
        await registry.PushImageAsync($"{other}/base/java", "17");
        await registry.PushImageAsync($"{other}/prefix/base/java", "17");

        await registry.SettledDeliveriesAsync(nsHook, 1);
        await registry.SettledDeliveriesAsync(repoHook, 1);
        await registry.SettledDeliveriesAsync(patternHook, 1);
        Assert.Equal([$"{ns}/app"], (await registry.DeliveriesAsync(nsHook)).Select(d => d.GetProperty("repository").GetString()));
        Assert.Equal(["push"], (await registry.DeliveriesAsync(nsHook)).Select(d => d.GetProperty("action").GetString()));
        Assert.Equal([$"{other}/exact"], (await registry.DeliveriesAsync(repoHook)).Select(d => d.GetProperty("repository").GetString()));
        Assert.Equal([$"{other}/base/java"], (await registry.DeliveriesAsync(patternHook)).Select(d => d.GetProperty("repository").GetString()));
        Assert.Empty(await registry.DeliveriesAsync(offHook));
        Assert.Empty(disabled.Received);
    }

    [Fact]
    public async Task Deliveries_ArePagedNewestFirst_AndTheQueryIsValidated()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        string webhook = await registry.CreateWebhookAsync(receiver, ns, new { actions = new[] { "pull" } });
        await registry.PushImageAsync($"{ns}/app", "v1");
        for (int i = 0; i < 5; i++)
        {
            (await registry.Admin.GetAsync($"/v2/{ns}/app/manifests/v1")).Dispose();
        }

        await registry.SettledDeliveriesAsync(webhook, 5);
        using HttpResponseMessage first = await registry.Admin.GetAsync($"/api/v1/webhooks/{webhook}/deliveries?limit=2");
        using JsonDocument page = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        long[] ids = [.. page.RootElement.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("id").GetInt64())];
        List<JsonElement> all = await registry.DeliveriesAsync(webhook);

        Assert.Equal(2, ids.Length);
        Assert.True(ids[0] > ids[1]);
        Assert.Equal(ids[1], page.RootElement.GetProperty("next").GetInt64());
        Assert.Equal(5, all.Count);
        Assert.Equal(all.Select(d => d.GetProperty("id").GetInt64()).OrderDescending(), all.Select(d => d.GetProperty("id").GetInt64()));
        foreach (string query in new[] { "limit=0", "limit=501", "limit=x", "before=-1", "status=lost" })
        {
            using HttpResponseMessage bad = await registry.Admin.GetAsync($"/api/v1/webhooks/{webhook}/deliveries?{query}");
            Assert.True(bad.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)bad.StatusCode}");
        }

        using HttpResponseMessage unknown = await registry.Admin.GetAsync("/api/v1/webhooks/nope/deliveries");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Test_SendsASignedPingAtOnce_AndReportsWhatTheReceiverAnswered()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string webhook = await registry.CreateWebhookAsync(receiver, AuthRegistry.UniqueName("ns"), new { enabled = false });

        using HttpResponseMessage ok = await registry.Admin.PostAsync($"/api/v1/webhooks/{webhook}/test", null);
        using JsonDocument okResult = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        receiver.FailAll = true;
        using HttpResponseMessage refused = await registry.Admin.PostAsync($"/api/v1/webhooks/{webhook}/test", null);
        using JsonDocument refusedResult = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(okResult.RootElement.GetProperty("delivered").GetBoolean());
        Assert.Equal(200, okResult.RootElement.GetProperty("statusCode").GetInt32());
        ReceivedWebhook ping = receiver.Received[0];
        Assert.True(ping.SignatureValid);
        JsonElement e = Assert.Single(ping.Events());
        Assert.Equal("ping", e.GetProperty("action").GetString());
        Assert.Equal(okResult.RootElement.GetProperty("eventId").GetString(), e.GetProperty("id").GetString());
        Assert.Equal("admin", e.GetProperty("actor").GetProperty("name").GetString());
        Assert.False(refusedResult.RootElement.GetProperty("delivered").GetBoolean());
        Assert.Equal(500, refusedResult.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Empty(await registry.DeliveriesAsync(webhook));
        using HttpResponseMessage unknown = await registry.Admin.PostAsync("/api/v1/webhooks/nope/test", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ChangedHeadersAndUrl_ApplyToDeliveriesStillPending()
    {
        await using WebhookReceiver first = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        await using WebhookReceiver second = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        first.FailAll = true;
        string ns = AuthRegistry.UniqueName("ns");
        string webhook = await registry.CreateWebhookAsync(first, ns, new { headers = new Dictionary<string, string> { ["Authorization"] = "Bearer one" } });
        await registry.PushImageAsync($"{ns}/app", "v1");
        await WaitForAsync(registry, webhook, d => d.GetProperty("attempts").GetInt32() >= 1);

        using (HttpResponseMessage patched = await registry.Admin.PatchAsJsonAsync($"/api/v1/webhooks/{webhook}",
            new { url = second.Url, headers = new Dictionary<string, string> { ["Authorization"] = "Bearer two" } }))
        {
            await OciAssert.SuccessAsync(patched, HttpStatusCode.OK);
        }

        JsonElement delivery = Assert.Single(await registry.SettledDeliveriesAsync(webhook, 1));
        Assert.Equal("delivered", Status(delivery));
        Assert.All(first.Received, r => Assert.Equal("Bearer one", r.Headers["Authorization"]));
        Assert.Equal("Bearer two", Assert.Single(second.Accepted).Headers["Authorization"]);
    }

    private static async Task<JsonElement> WaitForAsync(WebhookRegistry registry, string webhook, Func<JsonElement, bool> condition)
    {
        DateTime started = DateTime.UtcNow;
        while (true)
        {
            List<JsonElement> deliveries = await registry.DeliveriesAsync(webhook);
            if (deliveries.Count == 1 && condition(deliveries[0]))
            {
                return deliveries[0];
            }

            Assert.True(DateTime.UtcNow - started < WebhookRegistry.Patience, $"no delivery matched: {string.Join('\n', deliveries.Select(d => d.GetRawText()))}");
            await Task.Delay(20);
        }
    }

    private sealed class JsonElementComparer : IEqualityComparer<JsonElement>
    {
        public static JsonElementComparer Instance { get; } = new();

        public bool Equals(JsonElement x, JsonElement y) => x.GetRawText() == y.GetRawText();

        public int GetHashCode(JsonElement obj) => obj.GetRawText().GetHashCode(StringComparison.Ordinal);
    }
}
