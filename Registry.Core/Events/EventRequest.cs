using System.Text.Json.Serialization;

namespace Registry.Core.Events;

/// <summary>The request that caused an event (Distribution's <c>RequestRecord</c>).</summary>
/// <param name="Id">The request id, the one error bodies and logs carry.</param>
/// <param name="Addr">The client's address and port.</param>
/// <param name="Host">The <c>Host</c> the client addressed.</param>
public sealed record EventRequest(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("addr")] string? Addr,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("useragent")] string UserAgent);
