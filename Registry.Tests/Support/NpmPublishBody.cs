using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Registry.Tests.Support;

/// <summary>
/// Builds the document <c>npm publish</c> sends (<c>versions</c>, <c>dist-tags</c>, the base64 tarball in
/// <c>_attachments</c>) from a tarball made here (gzip over tar, <c>package/package.json</c>), so that tests can break
/// one part at a time.
/// </summary>
internal sealed class NpmPublishBody(string name, string version)
{
    public string Name { get; set; } = name;

    public string Version { get; set; } = version;

    /// <summary>The name and version inside the tarball's package.json (the publish's by default).</summary>
    public string? PackedName { get; set; }

    public string? PackedVersion { get; set; }

    public string? Integrity { get; set; }

    public string? Shasum { get; set; }

    public string? ManifestName { get; set; }

    /// <summary>The attachment's <c>data</c> as sent (the tarball's base64 by default).</summary>
    public string? Data { get; set; }

    /// <summary>The attachment's <c>length</c> as sent (the tarball's by default).</summary>
    public long? Length { get; set; }

    /// <summary>Extra padding in the version manifest (to make it large).</summary>
    public int ManifestPadding { get; set; }

    public static byte[] Tarball(string name, string version)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            byte[] manifest = Encoding.UTF8.GetBytes($"{{\"name\":\"{name}\",\"version\":\"{version}\"}}");
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/package.json") { DataStream = new MemoryStream(manifest) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/index.js") { DataStream = new MemoryStream("module.exports = 1;\n"u8.ToArray()) });
        }

        return packed.ToArray();
    }

    public string Json()
    {
        byte[] tarball = Tarball(PackedName ?? Name, PackedVersion ?? Version);
        var manifest = new JsonObject
        {
            ["name"] = ManifestName ?? Name,
            ["version"] = Version,
            ["dependencies"] = new JsonObject { ["left-pad"] = "^1.0.0" },
            ["dist"] = new JsonObject
            {
                ["integrity"] = Integrity ?? "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball)),
                ["shasum"] = Shasum ?? Convert.ToHexStringLower(SHA1.HashData(tarball)),
                ["tarball"] = $"http://example.invalid/{Name}/-/{Name}-{Version}.tgz",
            },
        };
        if (ManifestPadding > 0)
        {
            manifest["description"] = new string('x', ManifestPadding);
        }

        var document = new JsonObject
        {
            ["_id"] = Name,
            ["name"] = Name,
            ["dist-tags"] = new JsonObject { ["latest"] = Version },
            ["versions"] = new JsonObject { [Version] = manifest },
            ["_attachments"] = new JsonObject
            {
                [$"{Name}-{Version}.tgz"] = new JsonObject { ["content_type"] = "application/octet-stream", ["data"] = Data ?? Convert.ToBase64String(tarball), ["length"] = Length ?? tarball.Length },
            },
        };
        return document.ToJsonString();
    }

    /// <summary>The name as npm puts it in the URL (<c>@scope%2fname</c>).</summary>
    public static string Escaped(string name) => name.Replace("/", "%2f", StringComparison.Ordinal);
}
