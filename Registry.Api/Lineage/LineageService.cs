using Microsoft.Extensions.Options;
using Registry.Api.Oci;
using Registry.Core.Lineage;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Lineage;

/// <summary>
/// Base-image lineage. Every pushed image manifest has its layer chain recorded (<see cref="LineageChangeRecorder"/>); an image's base is the manifest in
/// a base repository whose layers are the longest proper prefix of the image's (the same chain at that depth, and no
/// more layers). Images built on a base tag are found through the chains of every digest the tag has pointed at.
/// </summary>
internal sealed class LineageService(ILineageStore store, OciServices oci, IOptions<LineageSettings> options)
{
    private readonly BaseRepositoryPatterns _bases = new(options.Value.BaseRepositories);

    /// <summary>The base image of an image manifest, or null when no base repository holds a prefix of its layers.</summary>
    public async ValueTask<BaseImage?> FindBaseAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        IReadOnlyList<string> chain = await store.GetLayerChainAsync(repository, digest, ct);
        for (int depth = chain.Count - 1; depth >= 1; depth--)
        {
            foreach (ChainedManifest candidate in await store.FindByChainAsync(chain[depth - 1], depth, exactDepth: true, ct))
            {
                if (_bases.Matches(candidate.Repository))
                {
                    IReadOnlyList<string> tags = await store.ListTagsOfManifestAsync(candidate.Repository, candidate.Digest, ct);
                    return new BaseImage(candidate.Repository, candidate.Digest, candidate.LayerCount, tags);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The images whose base is one of the digests <paramref name="tag"/> of <paramref name="repository"/> has pointed
    /// at: current when built on the digest it points at now, stale when built on an earlier one.
    /// </summary>
    public async ValueTask<LineageReport> ListBuiltOnAsync(RepositoryName repository, TagName tag, Func<RepositoryName, bool> visible, CancellationToken ct)
    {
        ManifestRecord? current = await oci.Metadata.ResolveTagAsync(repository, tag, ct);
        IReadOnlyList<Digest> history = await store.ListTagDigestsAsync(repository, tag, ct);
        var images = new Dictionary<string, LineageImage>(StringComparer.Ordinal);
        foreach (Digest baseDigest in history)
        {
            bool isCurrent = current is not null && current.Digest == baseDigest;
            foreach (Digest image in await ImageManifestsAsync(repository, baseDigest, ct))
            {
                IReadOnlyList<string> chain = await store.GetLayerChainAsync(repository, image, ct);
                if (chain.Count == 0)
                {
                    continue;
                }

                foreach (ChainedManifest built in await store.FindByChainAsync(chain[^1], chain.Count, exactDepth: false, ct))
                {
                    string key = built.Repository.Value + "@" + built.Digest.Value;
                    if (built.LayerCount <= chain.Count || !visible(built.Repository) || (images.TryGetValue(key, out LineageImage? known) && known.Status == "current"))
                    {
                        continue;
                    }

                    // Built on this base only if no longer base prefix exists (else its base is a descendant of this one).
                    if (await FindBaseAsync(built.Repository, built.Digest, ct) is { } found && found.LayerCount == chain.Count)
                    {
                        IReadOnlyList<string> tags = await store.ListTagsOfManifestAsync(built.Repository, built.Digest, ct);
                        images[key] = new LineageImage(built.Repository.Value, built.Digest.Value, tags, baseDigest.Value, isCurrent ? "current" : "stale");
                    }
                }
            }
        }

        return new LineageReport(
            $"{repository}:{tag}",
            current?.Digest.Value,
            [.. history.Select(d => d.Value)],
            [.. images.Values.OrderBy(i => i.Repository, StringComparer.Ordinal).ThenBy(i => i.Digest, StringComparer.Ordinal)]);
    }

    /// <summary>The image manifest itself, or the image manifests an index lists.</summary>
    private async ValueTask<IReadOnlyList<Digest>> ImageManifestsAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        ManifestRecord? record = await oci.Metadata.GetManifestAsync(repository, digest, ct);
        if (record is null)
        {
            return [];
        }

        if (!MediaTypes.IsIndex(record.MediaType))
        {
            return [digest];
        }

        byte[]? content = await ManifestGetHandler.LoadAsync(record, oci, ct);
        ParsedManifest? index = content is null ? null : ManifestParser.Parse(content, record.MediaType).Manifest;
        return index is null ? [] : [.. index.Manifests.Select(m => m.Digest)];
    }
}
