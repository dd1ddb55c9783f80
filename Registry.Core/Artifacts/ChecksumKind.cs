namespace Registry.Core.Artifacts;

/// <summary>The checksums recorded for every artifact file.</summary>
public enum ChecksumKind
{
    Sha256 = 0,
    Sha1 = 1,
    Md5 = 2,
}
