using System.Security.Cryptography;

namespace Registry.Tests.Support;

/// <summary>OCI digest strings ("sha256:&lt;64 lowercase hex&gt;").</summary>
internal static class Digests
{
    public static string Sha256(ReadOnlySpan<byte> content) => Format(SHA256.HashData(content));

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Format(SHA256.HashData(stream));
    }

    public static string Format(ReadOnlySpan<byte> sha256) => "sha256:" + Convert.ToHexStringLower(sha256);

    /// <summary>The hex part of a sha256 digest.</summary>
    public static string Hex(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length == 71
            ? digest[7..]
            : throw new ArgumentException($"'{digest}' is not a sha256 digest.", nameof(digest));
}
