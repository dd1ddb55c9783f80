using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Core.Manifests;
using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <summary>The <c>index.json</c> of an export.</summary>
internal static class LayoutIndex
{
    /// <summary>One entry per tag (<c>repository:tag</c>), then one per untagged root and referrer, so every blob is reachable from the index.</summary>
    public static byte[] Write(ExportPlan plan)
    {
        var entries = new JsonArray();
        foreach (ExportedRepository repository in plan.Repositories)
        {
            var named = new HashSet<string>(StringComparer.Ordinal);
            foreach (ExportedTag tag in repository.Tags)
            {
                ExportedManifest manifest = repository.Manifests.First(m => m.Digest == tag.Digest);
                entries.Add(Entry(manifest, $"{repository.Name}:{tag.Tag}"));
                named.Add(tag.Digest);
            }

            var children = repository.Manifests
                .SelectMany(m => Children(plan.ManifestBytes[m.Digest], m.MediaType))
                .ToHashSet(StringComparer.Ordinal);
            foreach (ExportedManifest manifest in repository.Manifests)
            {
                if (!named.Contains(manifest.Digest) && !children.Contains(manifest.Digest))
                {
                    entries.Add(Entry(manifest, null));
                }
            }
        }

        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciImageIndex,
            ["manifests"] = entries,
        };
        return JsonSerializer.SerializeToUtf8Bytes(index);
    }

    private static JsonObject Entry(ExportedManifest manifest, string? refName)
    {
        var entry = new JsonObject { ["mediaType"] = manifest.MediaType, ["digest"] = manifest.Digest, ["size"] = manifest.Size };
        if (refName is not null)
        {
            entry["annotations"] = new JsonObject { [OciLayoutFiles.RefNameAnnotation] = refName };
        }

        return entry;
    }

    private static IEnumerable<string> Children(byte[] content, string mediaType)
        => ManifestParser.Parse(content, mediaType).Manifest is { } parsed ? parsed.Manifests.Select(m => m.Digest.Value) : [];
}
