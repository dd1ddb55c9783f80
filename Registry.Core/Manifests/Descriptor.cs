using Registry.Core.Primitives;

namespace Registry.Core.Manifests;

/// <summary>An OCI content descriptor as it appears inside a manifest or index.</summary>
public sealed record Descriptor(
    string MediaType,
    Digest Digest,
    long Size,
    string? ArtifactType,
    bool HasUrls,
    Platform? Platform);
