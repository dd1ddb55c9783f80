using Microsoft.AspNetCore.Http;
using Registry.Api.Oci;

namespace Registry.Tests.Api.Upstream;

/// <summary>Which bytes a <c>Range</c> header asks of a blob being downloaded (<see cref="RemoteBlobRange"/>).</summary>
public sealed class RemoteBlobRangeTests
{
    [Theory]
    [InlineData("bytes=2-5", 2, 5)]
    [InlineData("bytes=2-", 2, 99)]
    [InlineData("bytes=90-200", 90, 99)]
    [InlineData("bytes=-10", 90, 99)]
    [InlineData("bytes=-500", 0, 99)]
    public void OneSatisfiableRange_IsResolvedAgainstTheSize(string header, long start, long end)
    {
        RemoteBlobRange? range = RemoteBlobRange.Of(Request(header), 100);

        Assert.Equal(new RemoteBlobRange(start, end, true), range);
    }

    [Theory]
    [InlineData("bytes=100-")]
    [InlineData("bytes=150-160")]
    [InlineData("bytes=-0")]
    public void RangeOutsideTheBlob_IsNotSatisfiable(string header)
        => Assert.False(RemoteBlobRange.Of(Request(header), 100)!.Value.Satisfiable);

    [Theory]
    [InlineData("")]
    [InlineData("items=2-5")]
    [InlineData("bytes=1-2,4-5")]
    [InlineData("bytes=x-y")]
    public void AbsentMalformedOrSeveralRanges_AreIgnored(string header)
        => Assert.Null(RemoteBlobRange.Of(Request(header), 100));

    private static HttpRequest Request(string range)
    {
        var context = new DefaultHttpContext();
        if (range.Length > 0)
        {
            context.Request.Headers.Range = range;
        }

        return context.Request;
    }
}
