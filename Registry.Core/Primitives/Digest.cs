using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Registry.Core.Primitives;

/// <summary>
/// A content digest of the form <c>algorithm:hex</c>. Only sha256 (64 hex) and sha512 (128 hex) in lower case are
/// accepted, as the OCI image specification registers them; anything else is not a digest this registry can verify.
/// </summary>
public readonly struct Digest : IEquatable<Digest>
{
    private const string Sha256Prefix = "sha256:";
    private const string Sha512Prefix = "sha512:";

    private readonly string? _value;

    private Digest(string value, DigestAlgorithm algorithm)
    {
        _value = value;
        Algorithm = algorithm;
    }

    public DigestAlgorithm Algorithm { get; }

    /// <summary>The full text, e.g. <c>sha256:e3b0...</c>.</summary>
    public string Value => _value ?? throw new InvalidOperationException("Default Digest has no value.");

    /// <summary>The hex part after the colon.</summary>
    public string Hex => Value[(Algorithm == DigestAlgorithm.Sha256 ? Sha256Prefix.Length : Sha512Prefix.Length)..];

    public string AlgorithmName => Algorithm == DigestAlgorithm.Sha256 ? "sha256" : "sha512";

    public static bool TryParse([NotNullWhen(true)] string? text, out Digest digest)
        => TryParse(text, out digest, out _);

    /// <summary>Parses a digest; <paramref name="error"/> says why the text is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Digest digest, out DigestParseError error)
    {
        digest = default;
        if (string.IsNullOrEmpty(text))
        {
            error = DigestParseError.Malformed;
            return false;
        }

        int colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = DigestParseError.Malformed;
            return false;
        }

        ReadOnlySpan<char> algorithm = text.AsSpan(0, colon);
        ReadOnlySpan<char> hex = text.AsSpan(colon + 1);
        DigestAlgorithm parsedAlgorithm;
        int expectedLength;
        if (algorithm.SequenceEqual("sha256"))
        {
            parsedAlgorithm = DigestAlgorithm.Sha256;
            expectedLength = 64;
        }
        else if (algorithm.SequenceEqual("sha512"))
        {
            parsedAlgorithm = DigestAlgorithm.Sha512;
            expectedLength = 128;
        }
        else
        {
            // The grammar allows other registered algorithms; we cannot verify them, so they are unsupported.
            error = IsAlgorithmGrammar(algorithm) && IsEncodedGrammar(hex) ? DigestParseError.UnsupportedAlgorithm : DigestParseError.Malformed;
            return false;
        }

        if (hex.Length != expectedLength || !IsLowerHex(hex))
        {
            error = DigestParseError.Malformed;
            return false;
        }

        error = DigestParseError.None;
        digest = new Digest(text, parsedAlgorithm);
        return true;
    }

    public static Digest Parse(string text)
        => TryParse(text, out Digest digest, out DigestParseError error)
            ? digest
            : throw new FormatException($"'{text}' is not a valid digest ({error}).");

    /// <summary>Builds a digest from a finished hash.</summary>
    public static Digest FromHash(DigestAlgorithm algorithm, ReadOnlySpan<byte> hash)
    {
        string prefix = algorithm == DigestAlgorithm.Sha256 ? Sha256Prefix : Sha512Prefix;
        return new Digest(string.Concat(prefix, Convert.ToHexStringLower(hash)), algorithm);
    }

    /// <summary>Hashes a small in-memory payload (manifests); blobs are hashed while streamed.</summary>
    public static Digest Compute(DigestAlgorithm algorithm, ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[64];
        int written = algorithm == DigestAlgorithm.Sha256
            ? SHA256.HashData(content, hash)
            : SHA512.HashData(content, hash);
        return FromHash(algorithm, hash[..written]);
    }

    public static HashAlgorithmName HashName(DigestAlgorithm algorithm)
        => algorithm == DigestAlgorithm.Sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA512;

    public bool Equals(Digest other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Digest other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public override string ToString() => _value ?? string.Empty;

    public static bool operator ==(Digest left, Digest right) => left.Equals(right);

    public static bool operator !=(Digest left, Digest right) => !left.Equals(right);

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    // algorithm-component ::= [a-z0-9]+, separated by [+._-]
    private static bool IsAlgorithmGrammar(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '+' or '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    // encoded ::= [a-zA-Z0-9=_-]+
    private static bool IsEncodedGrammar(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '=' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
