using System.Text.Json.Serialization;

namespace Registry.Core.Events;

/// <summary>
/// What an event is about, with Distribution's field names. Absent values are left out of the JSON: a delete names
/// only the repository and the digest (or the tag), as Distribution's do.
/// </summary>
/// <param name="Length">The same as <paramref name="Size"/>; Distribution keeps it for older consumers.</param>
/// <param name="FromRepository">For a mount: the repository the blob was mounted from.</param>
/// <param name="Url">Where the content can be fetched: <c>{scheme}://{host}/v2/{repository}/manifests/{digest}</c> (or <c>blobs/</c>).</param>
/// <param name="References">For a manifest push: the config, layers or child manifests it references.</param>
/// <remarks>For an artifact file the repository is the artifact repository's key and <see cref="Path"/> the file's path.</remarks>
public sealed record EventTarget(
    [property: JsonPropertyName("mediaType")] string? MediaType,
    [property: JsonPropertyName("digest")] string? Digest,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("length")] long? Length,
    [property: JsonPropertyName("repository")] string? Repository,
    [property: JsonPropertyName("fromRepository")] string? FromRepository = null,
    [property: JsonPropertyName("url")] string? Url = null,
    [property: JsonPropertyName("tag")] string? Tag = null,
    [property: JsonPropertyName("references")] IReadOnlyList<EventDescriptor>? References = null)
{
    /// <summary>For <c>artifact.deploy</c> and <c>artifact.delete</c>: the file's (or the deleted folder's) path in the artifact repository.</summary>
    [JsonPropertyName("path")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Path { get; init; }
}
