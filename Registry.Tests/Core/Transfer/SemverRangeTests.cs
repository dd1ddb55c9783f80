using Registry.Core.Transfer;

namespace Registry.Tests.Core.Transfer;

public sealed class SemverRangeTests
{
    [Theory]
    [InlineData(">=17.0.0 <18", "17.0.0", true)]
    [InlineData(">=17.0.0 <18", "17.9.12", true)]
    [InlineData(">=17.0.0 <18", "v17.2.0", true)]
    [InlineData(">=17.0.0 <18", "18.0.0", false)]
    [InlineData(">=17.0.0 <18", "16.9.9", false)]
    [InlineData(">=17.0.0 <18", "18.0.0-rc.1", false)]
    [InlineData(">=17.0.0 <18", "17.1.0-beta", false)]
    [InlineData(">=17.0.0 <18", "17.0.0-rc.1", false)]
    [InlineData(">=17.0.0-rc.1 <18", "17.0.0-rc.2", true)]
    [InlineData(">=17.0.0-rc.1 <18", "17.0.0-rc.10", true)]
    [InlineData(">=17.0.0-rc.1 <18", "17.0.0-alpha", false)]
    [InlineData(">=17.0.0-rc.1 <18", "17.1.0-rc.1", false)]
    [InlineData(">=17.0.0 <18", "17", false)]
    [InlineData(">=17.0.0 <18", "17.1", false)]
    [InlineData(">=17.0.0 <18", "latest", false)]
    [InlineData(">= 1.2 < 2", "1.2.0", true)]
    [InlineData(">= 1.2 < 2", "1.1.9", false)]
    [InlineData("1.2.3", "1.2.3", true)]
    [InlineData("=1.2.3", "1.2.4", false)]
    [InlineData(">1.2.3", "1.2.3", false)]
    [InlineData(">1.2.3", "1.10.0", true)]
    [InlineData("<=1.2.3", "1.2.3", true)]
    [InlineData("<2 || >=3.1", "1.5.0", true)]
    [InlineData("<2 || >=3.1", "2.5.0", false)]
    [InlineData("<2 || >=3.1", "3.1.0", true)]
    public void Contains_DecidesByPrecedence(string range, string tag, bool expected)
    {
        Assert.True(SemverRange.TryParse(range, out SemverRange? parsed, out string? error), error);
        Assert.Equal(expected, parsed.Contains(tag));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(">=")]
    [InlineData("~1.2")]
    [InlineData(">=1.x")]
    [InlineData(">=01.0.0")]
    [InlineData("<2 ||")]
    [InlineData(">=1.0.0+build")]
    public void TryParse_RefusesWhatIsNotARange(string range)
    {
        Assert.False(SemverRange.TryParse(range, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
