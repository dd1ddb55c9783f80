using Registry.Core.Primitives;

namespace Registry.Core.Manifests;

/// <summary>
/// What an image costs to pull and to store: one platform's image is its config and layers; an index is the unique
/// total of everything a client can fetch for all its platforms (the index, each child manifest, and each distinct
/// config and layer once, so a layer shared between platforms counts once). Foreign layers (with <c>urls</c>) live
/// elsewhere and do not count. The one place the console works these numbers out; the catalog's recorded size of an
/// index (<c>manifest_details</c>) is the same unique total, worked out in SQL from the same references.
/// </summary>
public static class ImageSize
{
    /// <summary>The config and layers of an image manifest (each distinct blob once), in bytes.</summary>
    public static long OfImage(ParsedManifest image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var seen = new HashSet<Digest>();
        long total = 0;
        foreach (Descriptor blob in Blobs(image))
        {
            if (seen.Add(blob.Digest))
            {
                total += blob.Size;
            }
        }

        return total;
    }

    /// <summary>
    /// Each platform of an index with the size of its image (null when its manifest could not be read), and the
    /// unique total of the index.
    /// </summary>
    /// <param name="index">The parsed index.</param>
    /// <param name="indexSize">The index manifest's own size in bytes.</param>
    /// <param name="children">The child manifests that could be read, by digest.</param>
    public static IndexSize OfIndex(ParsedManifest index, long indexSize, IReadOnlyDictionary<Digest, ParsedManifest> children)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(children);
        var platforms = new List<PlatformSize>(index.Manifests.Count);
        var manifests = new HashSet<Digest>();
        var blobs = new HashSet<Digest>();
        long total = indexSize;
        foreach (Descriptor child in index.Manifests)
        {
            if (manifests.Add(child.Digest))
            {
                total += child.Size;
            }

            if (!children.TryGetValue(child.Digest, out ParsedManifest? image))
            {
                platforms.Add(new PlatformSize(child, null));
                continue;
            }

            foreach (Descriptor blob in Blobs(image))
            {
                if (blobs.Add(blob.Digest))
                {
                    total += blob.Size;
                }
            }

            platforms.Add(new PlatformSize(child, OfImage(image)));
        }

        return new IndexSize(platforms, total);
    }

    private static IEnumerable<Descriptor> Blobs(ParsedManifest image)
    {
        if (image.Config is { } config)
        {
            yield return config;
        }

        foreach (Descriptor layer in image.Layers)
        {
            if (!layer.HasUrls)
            {
                yield return layer;
            }
        }
    }
}
