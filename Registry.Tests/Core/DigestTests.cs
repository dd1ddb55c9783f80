using Registry.Core.Primitives;

namespace Registry.Tests.Core;

public sealed class DigestTests
{
    private const string Sha256Hex = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

    [Fact]
    public void TryParse_Sha256_ExposesAlgorithmAndHex()
    {
        Assert.True(Digest.TryParse("sha256:" + Sha256Hex, out Digest digest));
        Assert.Equal(DigestAlgorithm.Sha256, digest.Algorithm);
        Assert.Equal(Sha256Hex, digest.Hex);
        Assert.Equal("sha256:" + Sha256Hex, digest.ToString());
    }

    [Fact]
    public void TryParse_Sha512_Accepted()
    {
        Digest computed = Digest.Compute(DigestAlgorithm.Sha512, "hello world"u8);
        Assert.True(Digest.TryParse(computed.Value, out Digest parsed));
        Assert.Equal(DigestAlgorithm.Sha512, parsed.Algorithm);
        Assert.Equal(128, parsed.Hex.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256")]
    [InlineData("sha256:")]
    [InlineData(":abc")]
    [InlineData("sha256:B94D27B9934D3E08A52E52D7DA7DABFAC484EFE37A5380EE9088F7ACE2EFCDE9")]
    [InlineData("sha256:b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde")]
    [InlineData("sha256:b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9a")]
    [InlineData("sha256:g94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9")]
    [InlineData("SHA256:b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9")]
    public void TryParse_Malformed_IsRejected(string text)
    {
        Assert.False(Digest.TryParse(text, out _, out DigestParseError error));
        Assert.Equal(DigestParseError.Malformed, error);
    }

    [Theory]
    [InlineData("md5:5eb63bbbe01eeed093cb22bb8f5acdc3")]
    [InlineData("blake3:abcdef0123")]
    public void TryParse_OtherRegisteredAlgorithm_IsUnsupported(string text)
    {
        Assert.False(Digest.TryParse(text, out _, out DigestParseError error));
        Assert.Equal(DigestParseError.UnsupportedAlgorithm, error);
    }

    [Fact]
    public void Compute_MatchesKnownSha256()
        => Assert.Equal("sha256:" + Sha256Hex, Digest.Compute(DigestAlgorithm.Sha256, "hello world"u8).Value);

    [Fact]
    public void Equality_IsByValue()
    {
        Digest a = Digest.Parse("sha256:" + Sha256Hex);
        Digest b = Digest.Parse("sha256:" + Sha256Hex);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }
}
