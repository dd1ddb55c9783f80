using Registry.Core.Primitives;

namespace Registry.Core.Manifests;

public enum DependencyKind
{
    Blob = 0,
    Manifest = 1,
}

/// <summary>Something a manifest references that must exist in the same repository.</summary>
public readonly record struct ManifestDependency(Digest Digest, long Size, DependencyKind Kind);
