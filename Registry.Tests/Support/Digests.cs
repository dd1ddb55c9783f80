using System.Security.Cryptography;

namespace Registry.Tests.Support;

/// <summary>Digest strings (<c>algorithm:hex</c>) computed independently of the server's code.</summary>
public static class Digests
{
    /// <summary>sha256 of <c>{}</c>, the OCI empty descriptor.</summary>
    public const string EmptyJson = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    public static string Sha256(ReadOnlySpan<byte> content) => Format(SHA256.HashData(content));

    public static string Sha512(ReadOnlySpan<byte> content) => "sha512:" + Convert.ToHexStringLower(SHA512.HashData(content));

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

    /// <summary>A well-formed sha256 digest that no content in the tests has.</summary>
    public static string RandomSha256() => "sha256:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);
}
