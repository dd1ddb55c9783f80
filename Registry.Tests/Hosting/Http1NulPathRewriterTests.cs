using System.Buffers;
using System.Text;
using Registry.Api.Hosting;

namespace Registry.Tests.Hosting;

/// <summary>
/// The connection-level rewriter that lets a path with <c>%00</c> reach the application: it must rewrite exactly the
/// request lines that hold one in their path, and copy every other byte (bodies above all) unchanged, however the
/// bytes are split across reads.
/// </summary>
public sealed class Http1NulPathRewriterTests
{
    private const string Marker = "X-Registry-Nul-In-Path: m\r\n";

    public static TheoryData<int> ChunkSizes => new() { 1, 2, 3, 7, 64, 100_000 };

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void APathWithNul_IsRewrittenAndMarked_TheQueryIsLeftAlone(int chunk)
    {
        string input = "GET /artifactory/generic/a%00b/%00?q=%00 HTTP/1.1\r\nHost: x\r\n\r\n";

        string output = Run(input, chunk);

        Assert.Equal("GET /artifactory/generic/a%2500b/%2500?q=%00 HTTP/1.1\r\n" + Marker + "Host: x\r\n\r\n", output);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void BodiesFramedByContentLengthOrChunked_AreCopiedUnchanged_AndTheNextRequestIsStillSeen(int chunk)
    {
        string body = "GET /%00 HTTP/1.1\r\n%00%00\n";
        string chunked = $"{body.Length:x};ext=1\r\n{body}\r\n3\r\n%00\r\n0\r\nTrailer: %00\r\n\r\n";
        string input =
            $"PUT /artifactory/g/one.txt HTTP/1.1\r\nHost: x\r\nContent-Length: {body.Length}\r\n\r\n{body}" +
            $"PUT /artifactory/g/two.txt HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n{chunked}" +
            "\r\nGET /v2/a%00/tags/list HTTP/1.1\r\nHost: x\r\n\r\n";

        string output = Run(input, chunk);

        string expected =
            $"PUT /artifactory/g/one.txt HTTP/1.1\r\nHost: x\r\nContent-Length: {body.Length}\r\n\r\n{body}" +
            $"PUT /artifactory/g/two.txt HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n{chunked}" +
            "\r\nGET /v2/a%2500/tags/list HTTP/1.1\r\n" + Marker + "Host: x\r\n\r\n";
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 GET /%00 HTTP/1.1\r\n\r\n")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\nGET /%00 HTTP/1.1\r\n\r\n")]
    [InlineData("GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nGET /%00 HTTP/1.1\r\n\r\n")]
    [InlineData("PUT /x HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nGET /%00 HTTP/1.1\r\n\r\n")]
    [InlineData("PUT /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nGET /%00 HTTP/1.1\r\n\r\n")]
    [InlineData("garbage\r\nGET /%00 HTTP/1.1\r\n\r\n")]
    public void WhatIsNotPlainHttp1_SwitchesToCopyingTheRestUntouched(string input)
    {
        foreach (int chunk in new[] { 1, 5, 4096 })
        {
            Assert.Equal(input, Run(input, chunk, Encoding.Latin1));
        }
    }

    [Fact]
    public void AnIncompleteLine_WaitsForMoreBytes_ThenIsRewritten()
    {
        var rewriter = new Http1NulPathRewriter(Encoding.ASCII.GetBytes(Marker));
        var output = new ArrayBufferWriter<byte>();
        byte[] first = Encoding.ASCII.GetBytes("GET /a%0");

        SequencePosition consumed = rewriter.Process(new ReadOnlySequence<byte>(first), output, isCompleted: false);

        Assert.Equal(0, new ReadOnlySequence<byte>(first).Slice(0, consumed).Length);
        Assert.Equal(0, output.WrittenCount);
        byte[] whole = Encoding.ASCII.GetBytes("GET /a%00 HTTP/1.1\r\n\r\n");
        rewriter.Process(new ReadOnlySequence<byte>(whole), output, isCompleted: false);
        Assert.Equal("GET /a%2500 HTTP/1.1\r\n" + Marker + "\r\n", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void ALineLongerThanKestrelTakes_IsPassedThroughUnchanged()
    {
        string input = "GET /" + new string('a', 70 * 1024) + "%00 HTTP/1.1\r\n\r\n";

        Assert.Equal(input, Run(input, 4096));
    }

    /// <summary>Feeds <paramref name="input"/> in pieces of <paramref name="chunk"/> bytes, as reads from a socket would.</summary>
    private static string Run(string input, int chunk, Encoding? encoding = null)
    {
        encoding ??= Encoding.ASCII;
        var rewriter = new Http1NulPathRewriter(Encoding.ASCII.GetBytes(Marker));
        var output = new ArrayBufferWriter<byte>();
        byte[] bytes = encoding.GetBytes(input);
        byte[] pending = [];
        for (int offset = 0; offset < bytes.Length; offset += chunk)
        {
            byte[] piece = bytes[offset..Math.Min(bytes.Length, offset + chunk)];
            byte[] buffer = [.. pending, .. piece];
            bool last = offset + chunk >= bytes.Length;
            var sequence = new ReadOnlySequence<byte>(buffer);
            SequencePosition consumed = rewriter.Process(sequence, output, isCompleted: last);
            pending = sequence.Slice(consumed).ToArray();
        }

        Assert.Empty(pending);
        return encoding.GetString(output.WrittenSpan);
    }
}
