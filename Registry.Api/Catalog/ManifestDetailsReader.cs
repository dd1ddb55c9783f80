using Microsoft.Extensions.Options;
using Registry.Api.Manifests;
using Registry.Api.Oci;
using Registry.Core.Catalog;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Catalog;

/// <summary>
/// Works out the catalog details of manifests from their content, the first time the catalog shows them, and records
/// them by digest (content never changes, so that happens once per manifest on all nodes together; a race only
/// writes the same thing twice). Done lazily rather than at push time so pushes pay nothing for it and manifests
/// pushed before the catalog existed get their details too. A page shows the same whether its details were recorded
/// before or worked out for it, which keeps the catalog's ETag honest.
/// </summary>
internal sealed partial class ManifestDetailsReader(
    IBlobStore blobs,
    ManifestCache manifests,
    ICatalogStore store,
    IOptions<ManifestSettings> manifestSettings,
    IOptions<CatalogSettings> catalogSettings,
    ILogger<ManifestDetailsReader> logger)
{
    private const int ReadParallelism = 4;

    /// <summary>
    /// The entries with their details; <c>Complete</c> is false when some content could not be read (an error the
    /// log names), and such a page must not be cached.
    /// </summary>
    public async ValueTask<(IReadOnlyList<CatalogEntry> Entries, bool Complete)> CompleteAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken ct)
    {
        var pending = new List<CatalogEntry>();
        var seen = new HashSet<Digest>();
        foreach (CatalogEntry entry in entries)
        {
            if (entry.Details is null && seen.Add(entry.Digest))
            {
                pending.Add(entry);
            }
        }

        if (pending.Count == 0)
        {
            return (entries, true);
        }

        // A few at a time: on S3 each read is a round trip, and a first listing of many new images reads many.
        var read = new ManifestDetailsWrite?[pending.Count];
        await Parallel.ForAsync(0, pending.Count, new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = ct }, async (i, token) =>
        {
            CatalogEntry entry = pending[i];
            try
            {
                read[i] = await ReadAsync(RepositoryName.Parse(entry.Repository), entry.Digest, entry.MediaType, entry.ManifestSize, token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogUnreadable(logger, entry.Digest.Value, entry.Repository, e);
            }
        });

        List<ManifestDetailsWrite> writes = [.. read.OfType<ManifestDetailsWrite>()];
        IReadOnlyList<ManifestDetails?> saved = writes.Count == 0 ? [] : await store.SaveManifestDetailsAsync(writes, ct);
        var details = new Dictionary<Digest, ManifestDetails>(writes.Count);
        for (int i = 0; i < writes.Count; i++)
        {
            if (saved[i] is { } recorded)
            {
                details[writes[i].Digest] = recorded;
            }
        }

        var completed = new CatalogEntry[entries.Count];
        for (int i = 0; i < completed.Length; i++)
        {
            CatalogEntry entry = entries[i];
            completed[i] = entry.Details is null && details.TryGetValue(entry.Digest, out ManifestDetails? found) ? entry with { Details = found } : entry;
        }

        return (completed, writes.Count == pending.Count);
    }

    private async ValueTask<ManifestDetailsWrite> ReadAsync(RepositoryName repository, Digest digest, string mediaType, long size, CancellationToken ct)
    {
        ParsedManifest? manifest = await LoadManifestAsync(digest, mediaType, size, ct);
        if (manifest is null)
        {
            return new ManifestDetailsWrite(repository, digest, null, null);
        }

        if (manifest.Kind == ManifestKind.Image)
        {
            ImageConfig? config = await LoadConfigAsync(manifest.Config, ct);
            return new ManifestDetailsWrite(repository, digest, CatalogJson.Platforms(config?.Platform is { } p ? [p] : []), CatalogJson.Labels(config?.Labels));
        }

        // An index: the platforms of its children, and the labels every platform image has alike. Children without a
        // platform (artifacts) and buildx's attestation manifests (unknown/unknown) are no platform images.
        var platforms = new List<Platform>();
        List<KeyValuePair<string, string>>? common = null;
        foreach (Descriptor child in manifest.Manifests)
        {
            if (child.Platform is not { } platform || platform is { Os: "unknown", Architecture: "unknown" })
            {
                continue;
            }

            platforms.Add(platform);
            ParsedManifest? image = MediaTypes.IsImageManifest(child.MediaType) ? await LoadManifestAsync(child.Digest, child.MediaType, child.Size, ct) : null;
            IReadOnlyList<KeyValuePair<string, string>> labels = (await LoadConfigAsync(image?.Config, ct))?.Labels ?? [];
            common = common is null ? [.. labels] : common.FindAll(labels.Contains);
        }

        return new ManifestDetailsWrite(repository, digest, CatalogJson.Platforms(platforms), CatalogJson.Labels(common));
    }

    private async ValueTask<ParsedManifest?> LoadManifestAsync(Digest digest, string mediaType, long size, CancellationToken ct)
        => await ReadManifestAsync(digest, size, ct) is { } content ? ManifestParser.Parse(content, mediaType).Manifest : null;

    /// <summary>A manifest's bytes from the manifest cache or the blob store (null when missing or over the size cap).</summary>
    public async ValueTask<byte[]?> ReadManifestAsync(Digest digest, long size, CancellationToken ct)
    {
        byte[]? content = manifests.Get(digest);
        if (content is null && size <= manifestSettings.Value.MaxBytes)
        {
            content = await ReadBlobAsync(digest, size, ct);
            if (content is not null)
            {
                manifests.Set(digest, content);
            }
        }

        return content;
    }

    private async ValueTask<ImageConfig?> LoadConfigAsync(Descriptor? config, CancellationToken ct)
    {
        if (config is null || !ImageConfig.IsImageConfig(config.MediaType) || config.Size > catalogSettings.Value.MaxConfigBytes)
        {
            return null;
        }

        byte[]? content = await ReadBlobAsync(config.Digest, config.Size, ct);
        return content is null ? null : ImageConfig.Parse(content);
    }

    /// <summary>A small blob's bytes (a manifest or config, sized by its descriptor), or null when it is not stored.</summary>
    public async ValueTask<byte[]?> ReadBlobAsync(Digest digest, long size, CancellationToken ct)
    {
        await using Stream? stream = await blobs.OpenReadAsync(digest, ct);
        if (stream is null)
        {
            return null;
        }

        var content = new byte[size];
        await stream.ReadExactlyAsync(content, ct);
        return content;
    }

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Could not read manifest {Digest} of {Repository} for the catalog; it is listed without size, platforms and labels this time")]
    private static partial void LogUnreadable(ILogger logger, string digest, string repository, Exception exception);
}
