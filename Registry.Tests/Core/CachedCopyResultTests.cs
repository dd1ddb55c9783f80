using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Registry.Api.Oci;

namespace Registry.Tests.Core;

/// <summary>
/// The answer to a blob GET that follows a copy into the read cache: the whole blob with its length, a single range
/// as 206, an unsatisfiable range as 416, and a copy that breaks after the first bytes went out aborts the connection
/// instead of ending the response as if it were complete.
/// </summary>
public sealed class CachedCopyResultTests
{
    private static readonly byte[] Content = [.. Enumerable.Range(0, 1_500_000).Select(i => (byte)(i * 7))];

    private static (DefaultHttpContext Context, MemoryStream Body, AbortFeature Lifetime) NewContext(string? range = null)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        var lifetime = new AbortFeature();
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        if (range is not null)
        {
            context.Request.Headers.Range = range;
        }

        return (context, body, lifetime);
    }

    [Fact]
    public async Task WithoutARange_SendsTheWholeBlob()
    {
        (DefaultHttpContext context, MemoryStream body, _) = NewContext();

        await new CachedCopyResult(new MemoryStream(Content), "application/octet-stream").ExecuteAsync(context);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(Content.Length, context.Response.ContentLength);
        Assert.Equal("bytes", context.Response.Headers.AcceptRanges);
        Assert.Equal(Content, body.ToArray());
    }

    [Theory]
    [InlineData("bytes=1000-1999", 1000, 1999)]
    [InlineData("bytes=1499000-", 1_499_000, 1_499_999)]
    [InlineData("bytes=-10", 1_499_990, 1_499_999)]
    public async Task ARange_IsAnswered206_WithThoseBytes(string header, int first, int last)
    {
        (DefaultHttpContext context, MemoryStream body, _) = NewContext(header);

        await new CachedCopyResult(new MemoryStream(Content), "application/octet-stream").ExecuteAsync(context);

        Assert.Equal(206, context.Response.StatusCode);
        Assert.Equal($"bytes {first}-{last}/{Content.Length}", context.Response.Headers.ContentRange);
        Assert.Equal(Content.AsSpan(first, last - first + 1).ToArray(), body.ToArray());
    }

    [Fact]
    public async Task ARangePastTheEnd_Is416()
    {
        (DefaultHttpContext context, MemoryStream body, _) = NewContext("bytes=2000000-");

        await new CachedCopyResult(new MemoryStream(Content), "application/octet-stream").ExecuteAsync(context);

        Assert.Equal(416, context.Response.StatusCode);
        Assert.Equal($"bytes */{Content.Length}", context.Response.Headers.ContentRange);
        Assert.Equal(0, body.Length);
    }

    [Fact]
    public async Task ACopyThatFailsAfterTheFirstBytes_AbortsTheConnection()
    {
        (DefaultHttpContext context, _, AbortFeature lifetime) = NewContext();

        await new CachedCopyResult(new FailingStream(Content, failAt: 600_000), "application/octet-stream").ExecuteAsync(context);

        Assert.True(lifetime.Aborted);
    }

    private sealed class AbortFeature : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }

        public bool Aborted { get; private set; }

        public void Abort() => Aborted = true;
    }

    /// <summary>A seekable stream of <c>content</c> that throws like a failed copy once <c>failAt</c> bytes were read.</summary>
    private sealed class FailingStream(byte[] content, int failAt) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Position >= failAt
                ? throw new IOException("the copy from the store failed")
                : base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, failAt - Position)], cancellationToken);
    }
}
