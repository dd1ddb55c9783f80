using System.Text.Json;
using Registry.Core.Primitives;

namespace Registry.Core.Manifests;

/// <summary>
/// Parses and validates the four manifest media types the registry stores (OCI image manifest and index, Docker
/// schema 2 manifest and manifest list), including OCI 1.1 artifact fields (<c>artifactType</c>, <c>subject</c>).
/// </summary>
public static class ManifestParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    /// <param name="content">The manifest bytes exactly as pushed.</param>
    /// <param name="contentType">The request's Content-Type without parameters, or null.</param>
    public static ManifestParseResult Parse(ReadOnlyMemory<byte> content, string? contentType)
    {
        // JSON exchanged between systems must be UTF-8 (RFC 8259 8.1); JsonDocument only notices bad bytes in
        // strings it is asked to decode, so check the whole body once (vectorized, cheap next to hashing it).
        if (!System.Text.Unicode.Utf8.IsValid(content.Span))
        {
            return ManifestParseResult.Invalid("manifest is not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, DocumentOptions);
        }
        catch (JsonException e)
        {
            return ManifestParseResult.Invalid($"manifest is not valid JSON: {e.Message}");
        }

        using (document)
        {
            try
            {
                return Parse(document.RootElement, NormalizeContentType(contentType));
            }
            catch (InvalidOperationException e)
            {
                // JsonDocument tokenizes invalid UTF-8 inside strings; it surfaces when a string is decoded.
                return ManifestParseResult.Invalid($"manifest is not valid UTF-8 JSON: {e.Message}");
            }
        }
    }

    private static ManifestParseResult Parse(JsonElement root, string? contentType)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ManifestParseResult.Invalid("manifest must be a JSON object");
        }

        if (!root.TryGetProperty("schemaVersion", out JsonElement schemaVersion) || schemaVersion.ValueKind != JsonValueKind.Number)
        {
            return ManifestParseResult.Invalid("schemaVersion is missing or not a number");
        }

        if (!schemaVersion.TryGetInt32(out int version) || version != 2)
        {
            return ManifestParseResult.Invalid(version == 1
                ? "Docker schema 1 manifests are not supported; push a schema 2 or OCI manifest"
                : "schemaVersion must be 2");
        }

        string? declared = null;
        if (root.TryGetProperty("mediaType", out JsonElement mediaTypeElement))
        {
            if (mediaTypeElement.ValueKind != JsonValueKind.String)
            {
                return ManifestParseResult.Invalid("mediaType must be a string");
            }

            declared = mediaTypeElement.GetString();
        }

        if (declared is not null && contentType is not null && !string.Equals(declared, contentType, StringComparison.Ordinal))
        {
            return ManifestParseResult.Invalid($"Content-Type '{contentType}' does not match the manifest's mediaType '{declared}'");
        }

        string? mediaType = declared ?? contentType ?? InferMediaType(root);
        if (mediaType is null || !MediaTypes.IsManifest(mediaType))
        {
            return ManifestParseResult.Invalid(mediaType is MediaTypes.DockerSchema1 or MediaTypes.DockerSchema1Signed
                ? "Docker schema 1 manifests are not supported; push a schema 2 or OCI manifest"
                : $"unsupported manifest media type '{mediaType ?? "(none)"}'");
        }

        string? artifactType = null;
        if (root.TryGetProperty("artifactType", out JsonElement artifactTypeElement))
        {
            if (artifactTypeElement.ValueKind != JsonValueKind.String)
            {
                return ManifestParseResult.Invalid("artifactType must be a string");
            }

            artifactType = artifactTypeElement.GetString();
        }

        Descriptor? subject = null;
        if (root.TryGetProperty("subject", out JsonElement subjectElement))
        {
            if (!TryParseDescriptor(subjectElement, "subject", out subject, out string? subjectError))
            {
                return ManifestParseResult.Invalid(subjectError);
            }
        }

        string? annotations = null;
        if (root.TryGetProperty("annotations", out JsonElement annotationsElement))
        {
            if (!IsStringMap(annotationsElement))
            {
                return ManifestParseResult.Invalid("annotations must be an object of strings");
            }

            annotations = annotationsElement.GetRawText();
        }

        return MediaTypes.IsIndex(mediaType)
            ? ParseIndex(root, mediaType, subject, artifactType, annotations)
            : ParseImage(root, mediaType, subject, artifactType, annotations);
    }

    private static ManifestParseResult ParseImage(JsonElement root, string mediaType, Descriptor? subject, string? artifactType, string? annotations)
    {
        if (root.TryGetProperty("manifests", out _))
        {
            return ManifestParseResult.Invalid("an image manifest must not have a manifests list");
        }

        if (!root.TryGetProperty("config", out JsonElement configElement))
        {
            return ManifestParseResult.Invalid("config descriptor is missing");
        }

        if (!TryParseDescriptor(configElement, "config", out Descriptor? config, out string? error))
        {
            return ManifestParseResult.Invalid(error);
        }

        if (!root.TryGetProperty("layers", out JsonElement layersElement) || layersElement.ValueKind != JsonValueKind.Array)
        {
            return ManifestParseResult.Invalid("layers must be an array");
        }

        var layers = new List<Descriptor>(layersElement.GetArrayLength());
        int index = 0;
        foreach (JsonElement layerElement in layersElement.EnumerateArray())
        {
            if (!TryParseDescriptor(layerElement, $"layers[{index}]", out Descriptor? layer, out error))
            {
                return ManifestParseResult.Invalid(error);
            }

            layers.Add(layer);
            index++;
        }

        return new ManifestParseResult(
            new ParsedManifest(mediaType, ManifestKind.Image, config, layers, [], subject, artifactType, annotations),
            null);
    }

    private static ManifestParseResult ParseIndex(JsonElement root, string mediaType, Descriptor? subject, string? artifactType, string? annotations)
    {
        if (root.TryGetProperty("layers", out _) || root.TryGetProperty("config", out _))
        {
            return ManifestParseResult.Invalid("an index must not have config or layers");
        }

        if (!root.TryGetProperty("manifests", out JsonElement manifestsElement) || manifestsElement.ValueKind != JsonValueKind.Array)
        {
            return ManifestParseResult.Invalid("manifests must be an array");
        }

        var manifests = new List<Descriptor>(manifestsElement.GetArrayLength());
        int index = 0;
        foreach (JsonElement element in manifestsElement.EnumerateArray())
        {
            if (!TryParseDescriptor(element, $"manifests[{index}]", out Descriptor? child, out string? error))
            {
                return ManifestParseResult.Invalid(error);
            }

            manifests.Add(child);
            index++;
        }

        return new ManifestParseResult(
            new ParsedManifest(mediaType, ManifestKind.Index, null, [], manifests, subject, artifactType, annotations),
            null);
    }

    private static bool TryParseDescriptor(JsonElement element, string where, out Descriptor descriptor, out string error)
    {
        descriptor = null!;
        error = string.Empty;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"{where} must be a descriptor object";
            return false;
        }

        if (!element.TryGetProperty("mediaType", out JsonElement mediaType) || mediaType.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(mediaType.GetString()))
        {
            error = $"{where}.mediaType is missing";
            return false;
        }

        if (!element.TryGetProperty("digest", out JsonElement digestElement) || digestElement.ValueKind != JsonValueKind.String
            || !Digest.TryParse(digestElement.GetString(), out Digest digest))
        {
            error = $"{where}.digest is missing or not a valid sha256/sha512 digest";
            return false;
        }

        if (!element.TryGetProperty("size", out JsonElement sizeElement) || sizeElement.ValueKind != JsonValueKind.Number
            || !sizeElement.TryGetInt64(out long size) || size < 0)
        {
            error = $"{where}.size is missing or not a non-negative integer";
            return false;
        }

        bool hasUrls = false;
        if (element.TryGetProperty("urls", out JsonElement urls))
        {
            if (urls.ValueKind != JsonValueKind.Array)
            {
                error = $"{where}.urls must be an array";
                return false;
            }

            hasUrls = urls.GetArrayLength() > 0;
        }

        string? artifactType = null;
        if (element.TryGetProperty("artifactType", out JsonElement artifactTypeElement))
        {
            if (artifactTypeElement.ValueKind != JsonValueKind.String)
            {
                error = $"{where}.artifactType must be a string";
                return false;
            }

            artifactType = artifactTypeElement.GetString();
        }

        Platform? platform = null;
        if (element.TryGetProperty("platform", out JsonElement platformElement))
        {
            if (platformElement.ValueKind != JsonValueKind.Object
                || !platformElement.TryGetProperty("os", out JsonElement os) || os.ValueKind != JsonValueKind.String
                || !platformElement.TryGetProperty("architecture", out JsonElement arch) || arch.ValueKind != JsonValueKind.String)
            {
                error = $"{where}.platform must have os and architecture strings";
                return false;
            }

            string? variant = platformElement.TryGetProperty("variant", out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            platform = new Platform(os.GetString()!, arch.GetString()!, variant);
        }

        descriptor = new Descriptor(mediaType.GetString()!, digest, size, artifactType, hasUrls, platform);
        return true;
    }

    private static bool IsStringMap(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return false;
            }
        }

        return true;
    }

    private static string? InferMediaType(JsonElement root)
    {
        if (root.TryGetProperty("manifests", out _))
        {
            return MediaTypes.OciImageIndex;
        }

        return root.TryGetProperty("config", out _) ? MediaTypes.OciImageManifest : null;
    }

    /// <summary>Generic JSON content types say nothing about the manifest kind, so they defer to the body.</summary>
    private static string? NormalizeContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        int semicolon = contentType.IndexOf(';');
        string bare = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        return bare is "application/json" or "application/octet-stream" or "" ? null : bare;
    }
}
