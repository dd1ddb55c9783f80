using System.Text.Json.Nodes;

namespace Registry.Tests.Api;

/// <summary>An OCI content descriptor as the tests write it into manifests.</summary>
public sealed record Descriptor(string MediaType, string Digest, long Size)
{
    public string? ArtifactType { get; init; }

    public IReadOnlyList<string>? Urls { get; init; }

    public (string Os, string Architecture)? Platform { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The OCI empty descriptor: <c>{}</c>, two bytes.</summary>
    public static Descriptor Empty { get; } = new(MediaTypes.OciEmpty, Digests.EmptyJson, 2);

    public static Descriptor For(string mediaType, byte[] content) => new(mediaType, Digests.Sha256(content), content.Length);

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["mediaType"] = MediaType,
            ["digest"] = Digest,
            ["size"] = Size,
        };
        if (ArtifactType is not null)
        {
            json["artifactType"] = ArtifactType;
        }

        if (Urls is not null)
        {
            json["urls"] = new JsonArray([.. Urls.Select(u => (JsonNode?)JsonValue.Create(u))]);
        }

        if (Platform is { } platform)
        {
            json["platform"] = new JsonObject { ["os"] = platform.Os, ["architecture"] = platform.Architecture };
        }

        if (Annotations is not null)
        {
            json["annotations"] = Manifests.ToJson(Annotations);
        }

        return json;
    }
}
