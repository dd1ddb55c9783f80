using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Tests.Support;

/// <summary>The webhook calls of the management API the end-to-end tests make: create a webhook, and read its deliveries.</summary>
internal sealed class WebhookApi(HttpClient http)
{
    /// <summary>POST /api/v1/webhooks for every event of every repository; returns the id.</summary>
    public async Task<string> CreateAsync(string name, WebhookReceiver receiver, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/v1/webhooks", new { name, url = receiver.Url, secret = receiver.Secret }, ct);
        await BlobUploadClient.ExpectAsync(HttpStatusCode.Created, response, $"POST /api/v1/webhooks ({name})", ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Every delivery of the webhook (all pages), newest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> DeliveriesAsync(string webhookId, CancellationToken ct)
    {
        var deliveries = new List<JsonElement>();
        string? before = null;
        do
        {
            var url = $"api/v1/webhooks/{webhookId}/deliveries?limit=500" + (before is null ? string.Empty : "&before=" + before);
            using var response = await http.GetAsync(url, ct);
            await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, response, $"GET {url}", ct);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            deliveries.AddRange(page.RootElement.GetProperty("deliveries").EnumerateArray().Select(d => d.Clone()));
            var next = page.RootElement.GetProperty("next");
            before = next.ValueKind == JsonValueKind.Null ? null : next.GetRawText();
        }
        while (before is not null);

        return deliveries;
    }

    /// <summary>Polls the deliveries until the condition holds; fails with them when it does not in time.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForDeliveriesAsync(
        string webhookId, Func<IReadOnlyList<JsonElement>, bool> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var deliveries = await DeliveriesAsync(webhookId, ct);
            if (condition(deliveries))
            {
                return deliveries;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                Assert.Fail($"Deliveries did not reach '{what}' within {timeout.TotalSeconds:0} s:\n" +
                    string.Join('\n', deliveries.Select(Describe)));
            }

            await Task.Delay(200, ct);
        }
    }

    public static string Status(JsonElement delivery) => delivery.GetProperty("status").GetString()!;

    public static string EventId(JsonElement delivery) => delivery.GetProperty("eventId").GetString()!;

    public static string Describe(JsonElement d) =>
        $"{d.GetProperty("id")} {EventId(d)} {d.GetProperty("action").GetString()} {d.GetProperty("repository").GetString()}: " +
        $"{Status(d)}, {d.GetProperty("attempts")} attempts, last {d.GetProperty("lastStatusCode")} {d.GetProperty("lastError")}";
}
