using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Events;

/// <summary>
/// A registry for the webhook tests: quick retries (200 ms doubling up to 1 s, 6 attempts), a 100 ms poll, and the
/// steps the tests share. Each test makes its own receiver and a webhook filtered to a namespace of its own, so the
/// tests of a class never see each other's events.
/// </summary>
public sealed class WebhookRegistry() : AuthRegistry(new Dictionary<string, string>
{
    ["Registry:Webhooks:InitialBackoff"] = "00:00:00.200",
    ["Registry:Webhooks:MaxBackoff"] = "00:00:01",
    ["Registry:Webhooks:MaxAttempts"] = "6",
    ["Registry:Webhooks:PollInterval"] = "00:00:00.100",
    ["Registry:Webhooks:Timeout"] = "00:00:05",
})
{
    public const string Secret = "test-webhook-secret-0123456789";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Creates a webhook for the receiver, receiving events of one namespace unless the body says otherwise; returns its id.</summary>
    public async Task<string> CreateWebhookAsync(WebhookReceiver receiver, string ns, object? overrides = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = UniqueName("hook"),
            ["url"] = receiver.Url,
            ["secret"] = receiver.Secret,
            ["namespaces"] = new[] { ns },
        };
        if (overrides is not null)
        {
            foreach (JsonProperty property in JsonSerializer.SerializeToElement(overrides).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        using HttpResponseMessage response = await Admin.PostAsJsonAsync("/api/v1/webhooks", body);
        await OciAssert.SuccessAsync(response, HttpStatusCode.Created);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Every delivery of the webhook, newest first (follows every page).</summary>
    public async Task<List<JsonElement>> DeliveriesAsync(string webhookId, string query = "")
    {
        var deliveries = new List<JsonElement>();
        string? before = null;
        do
        {
            string url = $"/api/v1/webhooks/{webhookId}/deliveries?limit=500{query}" + (before is null ? string.Empty : "&before=" + before);
            using HttpResponseMessage response = await Admin.GetAsync(url);
            await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
            using JsonDocument page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            deliveries.AddRange(page.RootElement.GetProperty("deliveries").EnumerateArray().Select(e => e.Clone()));
            JsonElement next = page.RootElement.GetProperty("next");
            before = next.ValueKind == JsonValueKind.Null ? null : next.GetRawText();
        }
        while (before is not null);

        return deliveries;
    }

    /// <summary>Waits until every delivery of the webhook ended (delivered or failed); returns them.</summary>
    public async Task<List<JsonElement>> SettledDeliveriesAsync(string webhookId, int expected)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            List<JsonElement> deliveries = await DeliveriesAsync(webhookId);
            if (deliveries.Count >= expected && deliveries.All(d => d.GetProperty("status").GetString() != "pending"))
            {
                return deliveries;
            }

            if (DateTime.UtcNow - started > Patience)
            {
                Assert.Fail($"{expected} deliveries did not settle: {string.Join('\n', deliveries.Select(d => d.GetRawText()))}");
            }

            await Task.Delay(50);
        }
    }
}
