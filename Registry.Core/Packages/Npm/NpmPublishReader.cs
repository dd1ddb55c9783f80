using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Core.Packages.Npm;

/// <summary>
/// Checks the document of <c>npm publish</c> (<c>PUT /{name}</c> with <c>versions</c>, <c>dist-tags</c> and the base64
/// tarball in <c>_attachments</c>): the name in the URL, the body, the version manifest and the tarball's own
/// <c>package.json</c> agree and follow npm's rules; the version is semver; <c>dist.integrity</c> (sha512) and
/// <c>dist.shasum</c> (sha1) are those of the decoded tarball. The document is read without its tarball
/// (<see cref="NpmPublishDocument"/>); the tarball is checked from a stream that decodes it
/// (<see cref="NpmAttachmentStream"/>): its <c>package.json</c> first (<see cref="TarballError"/>), its checksums while it
/// is stored (<see cref="ContentError"/>). Anything else is refused with the reason.
/// </summary>
public static class NpmPublishReader
{
    /// <summary>Whether the document carries attachments (a publish) rather than being a packument sent back (deprecate, unpublish).</summary>
    public static bool IsPublish(JsonElement document)
        => document.ValueKind == JsonValueKind.Object && document.TryGetProperty("_attachments", out JsonElement attachments)
            && attachments.ValueKind == JsonValueKind.Object && attachments.EnumerateObject().Any();

    public static NpmPublish? Read(NpmPackageName urlName, NpmPublishDocument body, out string? error)
    {
        ArgumentNullException.ThrowIfNull(urlName);
        ArgumentNullException.ThrowIfNull(body);
        JsonElement document = body.Root;
        if (document.ValueKind != JsonValueKind.Object)
        {
            error = "the publish document must be a JSON object";
            return null;
        }

        if (Text(document, "name") is not { } bodyName || bodyName != urlName.Full)
        {
            error = $"the name in the document ('{Text(document, "name")}') is not the package name in the URL ('{urlName.Full}')";
            return null;
        }

        if (!document.TryGetProperty("versions", out JsonElement versions) || versions.ValueKind != JsonValueKind.Object
            || versions.EnumerateObject().Count() != 1)
        {
            error = "a publish carries exactly one version in 'versions'";
            return null;
        }

        JsonProperty only = versions.EnumerateObject().First();
        if (NpmVersion.TryParse(only.Name, out string? versionError) is null)
        {
            error = versionError;
            return null;
        }

        string version = only.Name;
        JsonElement manifest = only.Value;
        if (manifest.ValueKind != JsonValueKind.Object || Text(manifest, "name") != urlName.Full || Text(manifest, "version") != version)
        {
            error = $"the manifest of version {version} names '{(manifest.ValueKind == JsonValueKind.Object ? Text(manifest, "name") : null)}@{(manifest.ValueKind == JsonValueKind.Object ? Text(manifest, "version") : null)}', not '{urlName.Full}@{version}'";
            return null;
        }

        byte[] manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest);
        if (manifestBytes.Length > NpmLimits.MaxManifestBytes)
        {
            error = $"the manifest of version {version} is larger than {NpmLimits.MaxManifestBytes} bytes";
            return null;
        }

        if (ReadTags(document, version, out error) is not { } tags)
        {
            return null;
        }

        if (DistError(manifest, out string? integrity, out string? shasum) is { } distError)
        {
            error = distError;
            return null;
        }

        if (ReadTarball(urlName, version, body, out string? declaredLength, out error) is not { } tarball)
        {
            return null;
        }

        error = null;
        return new NpmPublish(urlName, version, manifestBytes, $"{urlName.Full}-{version}.tgz", tarball, declaredLength, integrity, shasum, tags);
    }

    /// <summary>
    /// Reads the tarball's <c>package.json</c> from <paramref name="decoded"/> (as far as it needs to) and checks it names
    /// the version published; null when it does, else why not.
    /// </summary>
    public static string? TarballError(NpmPublish publish, NpmAttachmentStream decoded)
    {
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(decoded);
        JsonObject? packed = NpmTarball.ReadManifest(decoded, out string? tarError);
        if (decoded.Invalid || (packed is null && decoded.DecodedLength == 0))
        {
            return NoData(publish);
        }

        if (packed is null)
        {
            return tarError;
        }

        string? packedName = (packed["name"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? packed["name"]!.GetValue<string>() : null;
        string? packedVersion = (packed["version"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? packed["version"]!.GetValue<string>() : null;
        return packedName != publish.Name.Full || packedVersion != publish.Version
            ? $"the tarball's package.json names '{packedName}@{packedVersion}', not '{publish.Name.Full}@{publish.Version}'"
            : null;
    }

    /// <summary>
    /// Once <paramref name="decoded"/> (hashing SHA-512) was read to its end: null when the tarball is base64, has the
    /// declared length and the manifest's <c>dist.integrity</c> and <c>dist.shasum</c> (<paramref name="sha1"/>, hex, as
    /// the store computed it), else why not.
    /// </summary>
    public static string? ContentError(NpmPublish publish, NpmAttachmentStream decoded, string sha1)
    {
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(decoded);
        if (decoded.Invalid || decoded.DecodedLength == 0)
        {
            return NoData(publish);
        }

        if (publish.DeclaredLength is { } declared && (!long.TryParse(declared, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long length) || length != decoded.DecodedLength))
        {
            return $"attachment '{publish.AttachmentName}' says its length is {declared}, but its data decodes to {decoded.DecodedLength} bytes";
        }

        if (publish.Integrity is { } integrity)
        {
            string actual = decoded.Integrity();
            string[] hashes = integrity.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] sha512 = [.. hashes.Where(h => h.StartsWith("sha512-", StringComparison.Ordinal)).Select(h => h.Split('?')[0])];
            if (sha512.Length == 0 || !sha512.Contains(actual, StringComparer.Ordinal))
            {
                return $"dist.integrity '{integrity}' does not match the tarball, whose integrity is {actual}";
            }
        }

        if (publish.Shasum is { } shasum && !string.Equals(shasum, sha1, StringComparison.OrdinalIgnoreCase))
        {
            return $"dist.shasum '{shasum}' does not match the tarball, whose sha1 is {sha1.ToLowerInvariant()}";
        }

        return null;
    }

    private static List<string>? ReadTags(JsonElement document, string version, out string? error)
    {
        var tags = new List<string>();
        error = null;
        if (!document.TryGetProperty("dist-tags", out JsonElement distTags))
        {
            return tags;
        }

        if (distTags.ValueKind != JsonValueKind.Object)
        {
            error = "'dist-tags' must be an object";
            return null;
        }

        foreach (JsonProperty tag in distTags.EnumerateObject())
        {
            if (NpmDistTags.TagError(tag.Name) is { } tagError)
            {
                error = tagError;
                return null;
            }

            if (tag.Value.ValueKind != JsonValueKind.String || tag.Value.GetString() != version)
            {
                error = $"dist-tag '{tag.Name}' must point at the version published ({version})";
                return null;
            }

            tags.Add(tag.Name);
        }

        return tags;
    }

    private static NpmAttachmentText? ReadTarball(NpmPackageName name, string version, NpmPublishDocument body, out string? declaredLength, out string? error)
    {
        declaredLength = null;
        JsonElement attachments = body.Root.GetProperty("_attachments");
        if (attachments.EnumerateObject().Count() != 1)
        {
            error = "a publish carries exactly one attachment, the tarball";
            return null;
        }

        JsonProperty attachment = attachments.EnumerateObject().First();
        string expected = $"{name.Full}-{version}.tgz";
        if (attachment.Name != expected)
        {
            error = $"the attachment is named '{attachment.Name}', not '{expected}'";
            return null;
        }

        if (attachment.Value.ValueKind != JsonValueKind.Object || !attachment.Value.TryGetProperty("data", out JsonElement data)
            || data.ValueKind != JsonValueKind.String || !body.Attachments.TryGetValue(expected, out NpmAttachmentText? text) || text.Length == 0)
        {
            error = $"attachment '{expected}' has no base64 'data'";
            return null;
        }

        if (attachment.Value.TryGetProperty("length", out JsonElement length))
        {
            declaredLength = length.GetRawText();
        }

        error = null;
        return text;
    }

    /// <summary>The manifest's <c>dist.integrity</c> (its sha512) and <c>dist.shasum</c>: at least one must be given (compared by <see cref="ContentError"/>).</summary>
    private static string? DistError(JsonElement manifest, out string? integrity, out string? shasum)
    {
        integrity = shasum = null;
        if (!manifest.TryGetProperty("dist", out JsonElement dist) || dist.ValueKind != JsonValueKind.Object)
        {
            return "the version manifest has no 'dist' with the tarball's integrity and shasum";
        }

        integrity = Text(dist, "integrity");
        shasum = Text(dist, "shasum");
        return integrity is null && shasum is null ? "the version manifest's 'dist' has neither 'integrity' nor 'shasum'" : null;
    }

    private static string NoData(NpmPublish publish) => $"attachment '{publish.AttachmentName}' has no base64 'data'";

    private static string? Text(JsonElement element, string property)
        => element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
