using System.Text.Encodings.Web;
using System.Text.Json;
using Registry.Api.Catalog;
using Registry.Api.Lineage;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Console;

/// <summary>
/// Reads what the manifest page shows from the stores: the manifest (from the manifest cache or the blob store), its
/// image config blob (up to <c>Registry:Catalog:MaxConfigBytes</c>), referrers, tags, base image and the images built
/// on it through any of its tags.
/// </summary>
internal sealed class ManifestInspector(ConsoleServices services)
{
    private const int MaxLineageTags = 5;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async ValueTask<ManifestView?> InspectAsync(RepositoryName repository, Digest digest, Func<RepositoryName, bool> visible, CancellationToken ct)
    {
        ManifestRecord? record = await services.Metadata.GetManifestAsync(repository, digest, ct);
        if (record is null)
        {
            return null;
        }

        byte[]? content = await services.Details.ReadManifestAsync(digest, record.Size, ct);
        ParsedManifest? parsed = content is null ? null : ManifestParser.Parse(content, record.MediaType).Manifest;
        ImageConfigDetails? config = null;
        if (parsed?.Config is { } descriptor && ImageConfig.IsImageConfig(descriptor.MediaType)
            && descriptor.Size <= services.CatalogSettings.MaxConfigBytes
            && await services.Details.ReadBlobAsync(descriptor.Digest, descriptor.Size, ct) is { } configBytes)
        {
            config = ImageConfigDetails.Parse(configBytes);
        }

        IndexSize? sizes = parsed is { Kind: ManifestKind.Index } index ? await SizeIndexAsync(index, record.Size, ct) : null;
        IReadOnlyList<string> tags = await services.LineageStore.ListTagsOfManifestAsync(repository, digest, ct);
        IReadOnlyList<ManifestRecord> referrers = await services.Metadata.ListReferrersAsync(repository, digest, null, ct);
        BaseImage? found = parsed?.Kind == ManifestKind.Image ? await services.Lineage.FindBaseAsync(repository, digest, ct) : null;
        var builtOn = new Dictionary<string, LineageImage>(StringComparer.Ordinal);
        foreach (string tag in tags.Take(MaxLineageTags))
        {
            LineageReport report = await services.Lineage.ListBuiltOnAsync(repository, TagName.Parse(tag), visible, ct);
            foreach (LineageImage image in report.Images)
            {
                builtOn.TryAdd(image.Repository + "@" + image.Digest, image);
            }
        }

        BaseImage? visibleBase = found is not null && visible(found.Repository) ? found : null;
        return new ManifestView(record, parsed, content is null ? null : Pretty(content), config, sizes, tags, referrers, visibleBase,
            [.. builtOn.Values.OrderBy(i => i.Repository, StringComparer.Ordinal).ThenBy(i => i.Digest, StringComparer.Ordinal)]);
    }

    /// <summary>Each platform's size and the unique total of an index, from its child manifests (<see cref="ImageSize"/>).</summary>
    private async ValueTask<IndexSize> SizeIndexAsync(ParsedManifest index, long indexSize, CancellationToken ct)
    {
        var children = new Dictionary<Digest, ParsedManifest>();
        foreach (Descriptor child in index.Manifests)
        {
            if (!children.ContainsKey(child.Digest) && MediaTypes.IsManifest(child.MediaType)
                && await services.Details.ReadManifestAsync(child.Digest, child.Size, ct) is { } content
                && ManifestParser.Parse(content, child.MediaType).Manifest is { } parsed)
            {
                children[child.Digest] = parsed;
            }
        }

        return ImageSize.OfIndex(index, indexSize, children);
    }

    private static string Pretty(byte[] content)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(content);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return System.Text.Encoding.UTF8.GetString(content);
        }
    }
}
