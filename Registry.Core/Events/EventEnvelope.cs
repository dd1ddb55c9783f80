using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Core.Events;

/// <summary>
/// The body webhooks receive: <c>{"events":[...]}</c> with the media type of Distribution's notifications. Events are
/// stored as their JSON text, so the bytes a receiver signs are made from exactly what was recorded.
/// </summary>
public static class EventEnvelope
{
    /// <summary>The envelope's media type (Distribution 2.x; Distribution 3 names the same format <c>...events.v2+json</c>).</summary>
    public const string MediaType = "application/vnd.docker.distribution.events.v1+json";

    /// <summary>
    /// Media types and URLs are written as they are (<c>+</c>, not <c>\u002B</c>, as Go writes them): the body is
    /// JSON for receivers, never embedded in HTML, so HTML-sensitive characters need no escaping.
    /// </summary>
    private static readonly EventJsonContext Json = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>One event as JSON text.</summary>
    public static string Serialize(RegistryEvent @event) => JsonSerializer.Serialize(@event, Json.RegistryEvent);

    /// <summary>Reads an event written by <see cref="Serialize"/>.</summary>
    public static RegistryEvent? Deserialize(string json) => JsonSerializer.Deserialize(json, Json.RegistryEvent);

    /// <summary>The UTF-8 envelope around events already serialized with <see cref="Serialize"/>.</summary>
    public static byte[] Wrap(IReadOnlyList<string> events)
    {
        var text = new StringBuilder("{\"events\":[");
        for (int i = 0; i < events.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(events[i]);
        }

        return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
    }
}
