namespace Registry.Core.Primitives;

/// <summary>The digest algorithms the registry verifies (OCI image spec: sha256 required, sha512 optional).</summary>
public enum DigestAlgorithm
{
    Sha256,
    Sha512,
}
