using System.Text.Json;
using Registry.Api.Http;
using Registry.Core.Errors;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// <c>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt;</c>: an image index of the manifests whose subject is the digest,
/// optionally filtered by <c>artifactType</c> (then <c>OCI-Filters-Applied: artifactType</c>). An unknown subject
/// gives an empty index, as the spec requires.
/// </summary>
internal static class ReferrersHandler
{
    public static async ValueTask<IResult> GetAsync(HttpContext context, RepositoryName name, string argument, OciServices services)
    {
        if (!Digest.TryParse(argument, out Digest subject))
        {
            return OciResults.Error(OciErrorCode.DigestInvalid, $"'{argument}' is not a valid digest");
        }

        string? artifactType = context.Request.Query["artifactType"];
        if (string.IsNullOrEmpty(artifactType))
        {
            artifactType = null;
        }
        else
        {
            context.Response.Headers[OciHeaders.FiltersApplied] = "artifactType";
        }

        IReadOnlyList<ManifestRecord> referrers = await services.Metadata.ListReferrersAsync(name, subject, artifactType, context.RequestAborted);
        return new JsonBodyResult<IReadOnlyList<ManifestRecord>>(referrers, WriteIndex, MediaTypes.OciImageIndex);
    }

    private static void WriteIndex(Utf8JsonWriter writer, IReadOnlyList<ManifestRecord> referrers)
    {
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion", 2);
        writer.WriteString("mediaType", MediaTypes.OciImageIndex);
        writer.WriteStartArray("manifests");
        foreach (ManifestRecord referrer in referrers)
        {
            writer.WriteStartObject();
            writer.WriteString("mediaType", referrer.MediaType);
            writer.WriteString("digest", referrer.Digest.Value);
            writer.WriteNumber("size", referrer.Size);
            if (referrer.ArtifactType is not null)
            {
                writer.WriteString("artifactType", referrer.ArtifactType);
            }

            if (referrer.AnnotationsJson is not null)
            {
                writer.WritePropertyName("annotations");
                writer.WriteRawValue(referrer.AnnotationsJson, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
