using Registry.Api.Auth;

namespace Registry.Tests.Auth;

public sealed class CiTokenSecretTests
{
    [Fact]
    public void Generate_EmbedsTheIdAndHashesToWhatMatches()
    {
        (string id, string secret) = CiTokenSecret.Generate();

        Assert.StartsWith("rgt_" + id + "_", secret, StringComparison.Ordinal);
        Assert.True(CiTokenSecret.TryGetId(secret, out string? parsed));
        Assert.Equal(id, parsed);
        Assert.True(CiTokenSecret.Matches(secret, CiTokenSecret.Hash(secret)));
        Assert.False(CiTokenSecret.Matches(secret + "x", CiTokenSecret.Hash(secret)));
    }

    [Fact]
    public void Generate_IsNeverTheSameTwice()
        => Assert.NotEqual(CiTokenSecret.Generate().Secret, CiTokenSecret.Generate().Secret);

    [Theory]
    [InlineData("password")]
    [InlineData("rgt_")]
    [InlineData("rgt_short_x")]
    [InlineData("rgt_abcdefghijklXsecret")]
    public void TryGetId_OnOtherText_Fails(string text) => Assert.False(CiTokenSecret.TryGetId(text, out _));
}
