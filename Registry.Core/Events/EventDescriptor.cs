using System.Text.Json.Serialization;

namespace Registry.Core.Events;

/// <summary>A content descriptor inside an event (<c>target.references</c>), as Distribution's <c>distribution.Descriptor</c>.</summary>
public sealed record EventDescriptor(
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size);
