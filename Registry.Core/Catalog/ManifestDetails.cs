namespace Registry.Core.Catalog;

/// <summary>
/// What the catalog shows of a manifest beyond its metadata row, worked out once from its content and kept by digest
/// (content under a digest never changes).
/// </summary>
/// <param name="Size">
/// Bytes a client can fetch for it from the registry: the manifest, its config and layers, and for an index every
/// child manifest with its config and layers; each distinct blob counted once, foreign layers (with <c>urls</c>) not.
/// </param>
/// <param name="PlatformsJson">A JSON array of <c>{"os","architecture","variant"?}</c>, or null when none is known.</param>
/// <param name="LabelsJson">A JSON object of the image config's <c>config.Labels</c> (for an index: those every platform image has alike), or null.</param>
public sealed record ManifestDetails(long Size, string? PlatformsJson, string? LabelsJson);
