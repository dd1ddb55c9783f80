using System.Text.Json;
using Registry.Core.Primitives;

namespace Registry.Core.Replication;

/// <summary>The blobs a manifest's bytes reference (config, layers, an artifact's blobs), with their sizes; an index references none.</summary>
internal static class ManifestBlobs
{
    public static IReadOnlyList<(Digest Digest, long Size)> Of(byte[] manifest)
    {
        var found = new List<(Digest, long)>();
        using JsonDocument json = JsonDocument.Parse(manifest);
        JsonElement root = json.RootElement;
        if (root.TryGetProperty("config", out JsonElement config))
        {
            Add(config, found);
        }

        foreach (string list in (ReadOnlySpan<string>)["layers", "blobs"])
        {
            if (root.TryGetProperty(list, out JsonElement items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in items.EnumerateArray())
                {
                    Add(item, found);
                }
            }
        }

        return found;
    }

    private static void Add(JsonElement descriptor, List<(Digest, long)> found)
    {
        if (descriptor.ValueKind == JsonValueKind.Object
            && descriptor.TryGetProperty("digest", out JsonElement d) && Digest.TryParse(d.GetString(), out Digest digest)
            && descriptor.TryGetProperty("size", out JsonElement s) && s.TryGetInt64(out long size)
            && !found.Exists(f => f.Item1 == digest))
        {
            found.Add((digest, size));
        }
    }
}
