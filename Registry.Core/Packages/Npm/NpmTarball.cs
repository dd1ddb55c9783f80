using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Core.Primitives;

namespace Registry.Core.Packages.Npm;

/// <summary>
/// Reads the <c>package.json</c> of a package tarball (gzip over tar, one top folder, <c>package/</c> as npm packs it),
/// unpacking no further than <see cref="NpmLimits.MaxUnpackedBytes"/> and <see cref="NpmLimits.MaxTarEntries"/>.
/// </summary>
public static class NpmTarball
{
    /// <summary>The manifest, or null and why the tarball is not a package.</summary>
    public static JsonObject? ReadManifest(Stream gzip, out string? error)
    {
        ArgumentNullException.ThrowIfNull(gzip);
        try
        {
            using var unpacked = new LimitedReadStream(new GZipStream(gzip, CompressionMode.Decompress, leaveOpen: true), NpmLimits.MaxUnpackedBytes,
                limit => new InvalidDataException($"it unpacks to more than {limit} bytes"), leaveOpen: false);
            using var tar = new TarReader(unpacked);
            for (int entries = 0; entries < NpmLimits.MaxTarEntries; entries++)
            {
                TarEntry? entry = tar.GetNextEntry();
                if (entry is null)
                {
                    break;
                }

                if (!IsManifest(entry.Name) || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }

                if (entry.Length > NpmLimits.MaxManifestBytes || entry.DataStream is null)
                {
                    error = $"the tarball's package.json is larger than {NpmLimits.MaxManifestBytes} bytes";
                    return null;
                }

                if (JsonNode.Parse(entry.DataStream) is JsonObject manifest)
                {
                    error = null;
                    return manifest;
                }

                error = "the tarball's package.json is not a JSON object";
                return null;
            }

            error = "the tarball has no package.json in its top folder (npm packs it as package/package.json)";
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or EndOfStreamException)
        {
            error = $"the tarball is not a gzipped tar with a valid package.json: {e.Message}";
            return null;
        }
    }

    /// <summary><c>package/package.json</c>, or <c>{top}/package.json</c> for tarballs packed under another folder.</summary>
    private static bool IsManifest(string name)
    {
        string trimmed = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
        int slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && trimmed[(slash + 1)..] == NpmPaths.ManifestName;
    }
}
