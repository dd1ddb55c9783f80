namespace Registry.Core.Manifests;

public enum ManifestKind
{
    /// <summary>An OCI image manifest or a Docker schema 2 manifest: a config and layers.</summary>
    Image,

    /// <summary>An OCI image index or a Docker manifest list: child manifests.</summary>
    Index,
}
