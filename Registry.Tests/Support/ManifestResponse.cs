using System.Net;
using System.Text;
using System.Text.Json;

namespace Registry.Tests.Support;

/// <summary>What a registry answered to GET /v2/NAME/manifests/REFERENCE.</summary>
internal sealed record ManifestResponse(HttpStatusCode StatusCode, string? ContentType, string? DockerContentDigest, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonDocument Json() => JsonDocument.Parse(Body);

    /// <summary>A one-line description for assertion messages.</summary>
    public override string ToString() =>
        $"{(int)StatusCode} {StatusCode}, Content-Type: {ContentType}, Docker-Content-Digest: {DockerContentDigest}, body: {Truncate(BodyText)}";

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] + "…" : text;
}
