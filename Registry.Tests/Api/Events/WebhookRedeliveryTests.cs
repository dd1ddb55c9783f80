using System.Net;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Events;

/// <summary>
/// <c>POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver</c>: a failed delivery is queued again as a new
/// delivery of the same event (same payload), marked as a redelivery of the original and by whom, and audited.
/// </summary>
public sealed class WebhookRedeliveryTests(WebhookRegistry registry) : IClassFixture<WebhookRegistry>
{
    [Fact]
    public async Task FailedDelivery_RedeliveredOnceTheReceiverRecovers_SendsTheSamePayload_AndIsAudited()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        receiver.FailAll = true;
        string ns = AuthRegistry.UniqueName("ns");
        string webhook = await registry.CreateWebhookAsync(receiver, ns);
        await registry.PushImageAsync($"{ns}/app", "v1");
        JsonElement failed = Assert.Single(await registry.SettledDeliveriesAsync(webhook, 1));
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        long failedId = failed.GetProperty("id").GetInt64();
        byte[] sentFirst = receiver.Received[^1].Body;

        receiver.FailAll = false;
        using HttpResponseMessage redelivered = await registry.Admin.PostAsync($"/api/v1/webhooks/{webhook}/deliveries/{failedId}/redeliver", null);

        await OciAssert.SuccessAsync(redelivered, HttpStatusCode.Accepted);
        using JsonDocument queued = JsonDocument.Parse(await redelivered.Content.ReadAsStringAsync());
        long newId = queued.RootElement.GetProperty("id").GetInt64();
        Assert.True(newId > failedId);
        Assert.Equal(failedId, queued.RootElement.GetProperty("redeliveryOf").GetInt64());
        Assert.Equal("admin", queued.RootElement.GetProperty("redeliveredBy").GetString());
        Assert.Equal(failed.GetProperty("eventId").GetString(), queued.RootElement.GetProperty("eventId").GetString());

        List<JsonElement> deliveries = await registry.SettledDeliveriesAsync(webhook, 2);
        JsonElement again = deliveries.Single(d => d.GetProperty("id").GetInt64() == newId);
        Assert.Equal("delivered", again.GetProperty("status").GetString());
        Assert.Equal("failed", deliveries.Single(d => d.GetProperty("id").GetInt64() == failedId).GetProperty("status").GetString());
        ReceivedWebhook accepted = Assert.Single(receiver.Accepted);
        Assert.Equal(failed.GetProperty("eventId").GetString(), accepted.EventId);
        Assert.True(accepted.SignatureValid);
        Assert.Equal(Convert.ToBase64String(sentFirst), Convert.ToBase64String(accepted.Body));

        JsonElement audit = Assert.Single(await registry.AuditAsync("action=webhook.redeliver"), e => e.GetProperty("detail").GetString()!.Contains($"delivery {failedId} again as {newId}", StringComparison.Ordinal));
        Assert.Equal("admin", audit.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Redeliver_UnknownDeliveryIs404_NonAdminIs403()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(WebhookRegistry.Secret);
        string ns = AuthRegistry.UniqueName("ns");
        string webhook = await registry.CreateWebhookAsync(receiver, ns);

        using HttpResponseMessage unknown = await registry.Admin.PostAsync($"/api/v1/webhooks/{webhook}/deliveries/987654321/redeliver", null);
        using HttpResponseMessage unknownWebhook = await registry.Admin.PostAsync("/api/v1/webhooks/no-such-webhook/deliveries/1/redeliver", null);
        string user = await registry.CreateUserAsync(("namespace", ns, "maintainer"));
        using HttpClient maintainer = registry.Basic(user, AuthRegistry.Password);
        using HttpResponseMessage denied = await maintainer.PostAsync($"/api/v1/webhooks/{webhook}/deliveries/1/redeliver", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownWebhook.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
