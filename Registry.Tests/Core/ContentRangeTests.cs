using Registry.Api.Oci;

namespace Registry.Tests.Core;

public sealed class ContentRangeTests
{
    [Theory]
    [InlineData("0-99", 0, 99)]
    [InlineData("100-199", 100, 199)]
    [InlineData("bytes 5-9/10", 5, 9)]
    [InlineData("bytes 5-9/*", 5, 9)]
    public void TryParse_AcceptsSpecAndRfcForms(string text, long start, long end)
    {
        Assert.True(ContentRange.TryParse(text, out ContentRange range));
        Assert.Equal(start, range.Start);
        Assert.Equal(end, range.End);
        Assert.Equal(end - start + 1, range.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("-5")]
    [InlineData("9-5")]
    [InlineData("a-b")]
    [InlineData("0--1")]
    public void TryParse_RejectsMalformed(string text) => Assert.False(ContentRange.TryParse(text, out _));
}
