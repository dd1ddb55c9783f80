namespace Registry.Core.Manifests;

/// <summary>One entry of an index and the size of its image (config and layers), or null when it could not be read.</summary>
public sealed record PlatformSize(Descriptor Manifest, long? ImageSize);
