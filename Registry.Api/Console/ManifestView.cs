using Registry.Api.Catalog;
using Registry.Api.Lineage;
using Registry.Core.Manifests;
using Registry.Core.Storage;

namespace Registry.Api.Console;

/// <summary>Everything the manifest page shows: the record, the parsed content, the config, an index's sizes, referrers and lineage.</summary>
internal sealed record ManifestView(
    ManifestRecord Record,
    ParsedManifest? Parsed,
    string? Json,
    ImageConfigDetails? Config,
    IndexSize? Sizes,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ManifestRecord> Referrers,
    BaseImage? Base,
    IReadOnlyList<LineageImage> BuiltOn);
