using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Tests.Support;

/// <summary>
/// Writes an OCI image layout (oci-layout, index.json, blobs/sha256/…) holding a multi-platform image index for
/// linux/amd64 and linux/arm64. Each platform has an OCI image manifest, a config and two small gzip tar layers
/// whose files differ by platform and layer, so a client that picks the wrong platform or layer is caught.
/// </summary>
internal static class OciLayoutBuilder
{
    public const string IndexMediaType = "application/vnd.oci.image.index.v1+json";
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    public const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";
    public const string LayerMediaType = "application/vnd.oci.image.layer.v1.tar+gzip";

    private const string FixedTimeText = "2024-01-02T03:04:05Z";

    private static readonly DateTimeOffset FixedTime = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    // Go's time.Time reads JSON strings without unescaping them, so '+' must not become \u002B.
    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task<OciLayout> WriteMultiPlatformImageAsync(string directory, string tag, CancellationToken cancellationToken)
        => WriteMultiPlatformImageAsync(directory, tag, seed: 1, cancellationToken);

    /// <summary>The same shape of image with layer contents drawn from <paramref name="seed"/>: other seeds, other digests.</summary>
    public static async Task<OciLayout> WriteMultiPlatformImageAsync(string directory, string tag, int seed, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        await File.WriteAllTextAsync(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""", cancellationToken);

        var images = new List<OciLayoutImage>
        {
            await WriteImageAsync(directory, "amd64", variant: null, seed: seed, cancellationToken),
            await WriteImageAsync(directory, "arm64", variant: "v8", seed: seed + 1, cancellationToken),
        };

        var manifests = new JsonArray();
        foreach (var image in images)
        {
            var platform = new JsonObject { ["architecture"] = image.Architecture, ["os"] = "linux" };
            if (image.Variant is not null)
            {
                platform["variant"] = image.Variant;
            }

            manifests.Add(new JsonObject
            {
                ["mediaType"] = ManifestMediaType,
                ["digest"] = image.ManifestDigest,
                ["size"] = image.ManifestSize,
                ["platform"] = platform,
            });
        }

        var index = Serialize(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = IndexMediaType,
            ["manifests"] = manifests,
        });
        var indexDigest = await WriteBlobAsync(directory, index, cancellationToken);

        var layoutIndex = Serialize(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = IndexMediaType,
            ["manifests"] = new JsonArray
            {
                new JsonObject
                {
                    ["mediaType"] = IndexMediaType,
                    ["digest"] = indexDigest,
                    ["size"] = index.Length,
                    ["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag },
                },
            },
        });
        await File.WriteAllBytesAsync(Path.Combine(directory, "index.json"), layoutIndex, cancellationToken);

        return new OciLayout(directory, tag, indexDigest, index, images);
    }

    private static async Task<OciLayoutImage> WriteImageAsync(
        string directory, string architecture, string? variant, int seed, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var layers = new JsonArray();
        var layerDigests = new List<string>();
        var diffIds = new JsonArray();
        var history = new JsonArray();
        var random = new Random(seed);
        for (var layer = 1; layer <= 2; layer++)
        {
            var layerFiles = new Dictionary<string, byte[]>(StringComparer.Ordinal)
            {
                [$"etc/e2e/{architecture}-layer{layer}.txt"] = Encoding.UTF8.GetBytes($"layer {layer} of linux/{architecture}\n"),
                [$"opt/e2e/{architecture}-layer{layer}.bin"] = RandomBytes(random, 16 * 1024 * layer),
            };
            foreach (var (path, content) in layerFiles)
            {
                files[path] = content;
            }

            var tar = CreateTar(layerFiles);
            var gzip = Gzip(tar);
            var digest = await WriteBlobAsync(directory, gzip, cancellationToken);
            layerDigests.Add(digest);
            diffIds.Add(Digests.Sha256(tar));
            layers.Add(new JsonObject { ["mediaType"] = LayerMediaType, ["digest"] = digest, ["size"] = gzip.Length });
            history.Add(new JsonObject { ["created"] = FixedTimeText, ["created_by"] = $"e2e layer {layer}" });
        }

        var configObject = new JsonObject
        {
            ["created"] = FixedTimeText,
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray($"E2E_PLATFORM=linux/{architecture}"),
                ["Labels"] = new JsonObject { ["org.example.e2e.platform"] = $"linux/{architecture}" },
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
            ["history"] = history,
        };
        if (variant is not null)
        {
            configObject["variant"] = variant;
        }

        var config = Serialize(configObject);
        var configDigest = await WriteBlobAsync(directory, config, cancellationToken);

        var manifest = Serialize(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = new JsonObject { ["mediaType"] = ConfigMediaType, ["digest"] = configDigest, ["size"] = config.Length },
            ["layers"] = layers,
        });
        var manifestDigest = await WriteBlobAsync(directory, manifest, cancellationToken);

        return new OciLayoutImage(architecture, variant, manifestDigest, manifest.Length, configDigest, config, layerDigests, files);
    }

    private static byte[] CreateTar(IReadOnlyDictionary<string, byte[]> files)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var directories = files.Keys
                .SelectMany(ParentDirectories)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            foreach (var name in directories)
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name + "/")
                {
                    Mode = (UnixFileMode)Convert.ToInt32("755", 8),
                    ModificationTime = FixedTime,
                });
            }

            foreach (var (name, content) in files.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    Mode = (UnixFileMode)Convert.ToInt32("644", 8),
                    ModificationTime = FixedTime,
                    DataStream = new MemoryStream(content, writable: false),
                });
            }
        }

        return output.ToArray();
    }

    private static IEnumerable<string> ParentDirectories(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Serialize(JsonObject value) => JsonSerializer.SerializeToUtf8Bytes(value, Compact);

    private static async Task<string> WriteBlobAsync(string directory, byte[] content, CancellationToken cancellationToken)
    {
        var digest = Digests.Sha256(content);
        await File.WriteAllBytesAsync(Path.Combine(directory, "blobs", "sha256", Digests.Hex(digest)), content, cancellationToken);
        return digest;
    }
}
