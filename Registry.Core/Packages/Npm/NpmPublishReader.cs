using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Core.Packages.Npm;

/// <summary>
/// Checks the document of <c>npm publish</c> (<c>PUT /{name}</c> with <c>versions</c>, <c>dist-tags</c> and the base64
/// tarball in <c>_attachments</c>): the name in the URL, the body, the version manifest and the tarball's own
/// <c>package.json</c> agree and follow npm's rules; the version is semver; <c>dist.integrity</c> (sha512) and
/// <c>dist.shasum</c> (sha1) are those of the decoded tarball. Anything else is refused with the reason.
/// </summary>
public static class NpmPublishReader
{
    /// <summary>Whether the document carries attachments (a publish) rather than being a packument sent back (deprecate, unpublish).</summary>
    public static bool IsPublish(JsonElement document)
        => document.ValueKind == JsonValueKind.Object && document.TryGetProperty("_attachments", out JsonElement attachments)
            && attachments.ValueKind == JsonValueKind.Object && attachments.EnumerateObject().Any();

    public static NpmPublish? Read(NpmPackageName urlName, JsonElement document, out string? error)
    {
        ArgumentNullException.ThrowIfNull(urlName);
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

        if (ReadTarball(urlName, version, document, out error) is not { } tarball)
        {
            return null;
        }

        if (DistError(manifest, tarball) is { } distError)
        {
            error = distError;
            return null;
        }

        using (var stream = new MemoryStream(tarball, writable: false))
        {
            if (NpmTarball.ReadManifest(stream, out string? tarError) is not { } packed)
            {
                error = tarError;
                return null;
            }

            string? packedName = (packed["name"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? packed["name"]!.GetValue<string>() : null;
            string? packedVersion = (packed["version"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? packed["version"]!.GetValue<string>() : null;
            if (packedName != urlName.Full || packedVersion != version)
            {
                error = $"the tarball's package.json names '{packedName}@{packedVersion}', not '{urlName.Full}@{version}'";
                return null;
            }
        }

        error = null;
        return new NpmPublish(urlName, version, manifestBytes, tarball, tags);
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

    private static byte[]? ReadTarball(NpmPackageName name, string version, JsonElement document, out string? error)
    {
        JsonElement attachments = document.GetProperty("_attachments");
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
            || data.ValueKind != JsonValueKind.String || !data.TryGetBytesFromBase64(out byte[]? bytes) || bytes.Length == 0)
        {
            error = $"attachment '{expected}' has no base64 'data'";
            return null;
        }

        if (attachment.Value.TryGetProperty("length", out JsonElement length)
            && (length.ValueKind != JsonValueKind.Number || !length.TryGetInt64(out long declared) || declared != bytes.Length))
        {
            error = $"attachment '{expected}' says its length is {length.GetRawText()}, but its data decodes to {bytes.Length} bytes";
            return null;
        }

        error = null;
        return bytes;
    }

    /// <summary>The manifest's <c>dist.integrity</c> (its sha512) and <c>dist.shasum</c> must be the tarball's; at least one must be given.</summary>
    private static string? DistError(JsonElement manifest, byte[] tarball)
    {
        if (!manifest.TryGetProperty("dist", out JsonElement dist) || dist.ValueKind != JsonValueKind.Object)
        {
            return "the version manifest has no 'dist' with the tarball's integrity and shasum";
        }

        string? integrity = Text(dist, "integrity");
        string? shasum = Text(dist, "shasum");
        if (integrity is null && shasum is null)
        {
            return "the version manifest's 'dist' has neither 'integrity' nor 'shasum'";
        }

        if (integrity is not null)
        {
            string actual = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball));
            string[] hashes = integrity.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] sha512 = [.. hashes.Where(h => h.StartsWith("sha512-", StringComparison.Ordinal)).Select(h => h.Split('?')[0])];
            if (sha512.Length == 0 || !sha512.Contains(actual, StringComparer.Ordinal))
            {
                return $"dist.integrity '{integrity}' does not match the tarball, whose integrity is {actual}";
            }
        }

        if (shasum is not null)
        {
            string actual = Convert.ToHexStringLower(SHA1.HashData(tarball));
            if (!string.Equals(shasum, actual, StringComparison.OrdinalIgnoreCase))
            {
                return $"dist.shasum '{shasum}' does not match the tarball, whose sha1 is {actual}";
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string property)
        => element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
