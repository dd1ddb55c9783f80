namespace Registry.Core.Manifests;

/// <summary>The sizes of an index: each platform's image, and the unique total (shared blobs counted once).</summary>
public sealed record IndexSize(IReadOnlyList<PlatformSize> Platforms, long UniqueTotal);
