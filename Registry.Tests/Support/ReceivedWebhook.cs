using System.Text.Json;

namespace Registry.Tests.Support;

/// <summary>One POST a <see cref="WebhookReceiver"/> got: the exact body, the headers that matter, and what it answered.</summary>
public sealed record ReceivedWebhook(
    byte[] Body,
    string? ContentType,
    string? Signature,
    bool SignatureValid,
    string? EventId,
    string? DeliveryId,
    string? Attempt,
    IReadOnlyDictionary<string, string> Headers,
    int AnsweredStatus)
{
    public bool Accepted => AnsweredStatus is >= 200 and < 300;

    /// <summary>The envelope's events.</summary>
    public IReadOnlyList<JsonElement> Events()
    {
        using JsonDocument envelope = JsonDocument.Parse(Body);
        return [.. envelope.RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone())];
    }
}
