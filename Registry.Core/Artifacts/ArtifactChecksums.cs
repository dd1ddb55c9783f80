using Registry.Core.Primitives;

namespace Registry.Core.Artifacts;

/// <summary>The content of an artifact file: its blob digest (sha256), size, and SHA-1 and MD5 as lowercase hex.</summary>
public sealed record ArtifactChecksums(Digest Digest, long Size, string Sha1, string Md5)
{
    public string Sha256 => Digest.Hex;

    public string Get(ChecksumKind kind) => kind switch
    {
        ChecksumKind.Sha256 => Sha256,
        ChecksumKind.Sha1 => Sha1,
        _ => Md5,
    };

    /// <summary>Whether <paramref name="value"/> is a well-formed hex checksum of the kind (any case).</summary>
    public static bool IsWellFormed(ChecksumKind kind, string? value)
    {
        int length = kind switch
        {
            ChecksumKind.Sha256 => 64,
            ChecksumKind.Sha1 => 40,
            _ => 32,
        };
        return value is not null && value.Length == length && value.AsSpan().IndexOfAnyExcept("0123456789abcdefABCDEF") < 0;
    }
}
