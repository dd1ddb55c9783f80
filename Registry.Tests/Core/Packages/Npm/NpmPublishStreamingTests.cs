using System.Security.Cryptography;
using System.Text;
using Registry.Core.Packages.Npm;

namespace Registry.Tests.Core.Packages.Npm;

/// <summary>
/// A publish body read without its tarball (<see cref="NpmPublishDocumentReader"/>) and the tarball decoded from the
/// body in chunks (<see cref="NpmAttachmentStream"/>): escapes, whitespace, chunk boundaries, bad text, and memory.
/// </summary>
public sealed class NpmPublishStreamingTests
{
    [Fact]
    public async Task ReadAsync_LeavesTheDataOut_AndRecordsWhereItIs()
    {
        byte[] body = Encoding.UTF8.GetBytes("{ \"name\" : \"a\", \"_attachments\" : { \"a-1.0.0.tgz\" : { \"length\" : 3, \"data\"  :\n \"QUJD\" } }, \"after\": [1, {\"data\": \"kept\"}] }");
        using var stream = new MemoryStream(body);

        NpmDocumentRead read = await NpmPublishDocumentReader.ReadAsync(stream, CancellationToken.None);

        using NpmPublishDocument document = read.Document!;
        NpmAttachmentText text = document.Attachments["a-1.0.0.tgz"];
        Assert.Equal("QUJD", Encoding.UTF8.GetString(body, (int)text.Offset, (int)text.Length));
        Assert.Equal(string.Empty, document.Root.GetProperty("_attachments").GetProperty("a-1.0.0.tgz").GetProperty("data").GetString());
        Assert.Equal(3, document.Root.GetProperty("_attachments").GetProperty("a-1.0.0.tgz").GetProperty("length").GetInt32());
        Assert.Equal("kept", document.Root.GetProperty("after")[1].GetProperty("data").GetString());
        Assert.Single(document.Attachments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"_attachments\":{\"a\":{\"data\":\"QUJD")]
    [InlineData("{\"_attachments\":{\"a\":{\"data\":\"QUJD\"}}")]
    [InlineData("{\"_attachments\":{\"a\":{\"data\":\"QUJD\"}}} trailing")]
    [InlineData("{\"name\":'single'}")]
    public async Task ReadAsync_OfABodyThatIsNotJson_SaysSo(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        NpmDocumentRead read = await NpmPublishDocumentReader.ReadAsync(stream, CancellationToken.None);

        Assert.Null(read.Document);
        Assert.Equal(NpmDocumentProblem.NotJson, read.Problem);
        Assert.StartsWith("the body is not valid JSON", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OfAValueLargerThanTheDocumentLimit_IsTooLarge()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"readme\":\"" + new string('x', NpmLimits.MaxDocumentBytes) + "\"}"));

        NpmDocumentRead read = await NpmPublishDocumentReader.ReadAsync(stream, CancellationToken.None);

        Assert.Equal(NpmDocumentProblem.TooLarge, read.Problem);
    }

    [Fact]
    public async Task AttachmentStream_DecodesAcrossChunks_UndoingEscapes_AndHashes()
    {
        byte[] tarball = RandomNumberGenerator.GetBytes(300_001);
        string base64 = Convert.ToBase64String(tarball);
        var escaped = new StringBuilder();
        for (int i = 0; i < base64.Length; i++)
        {
            // Every escape JSON allows here, some of them across the decoder's 64 KiB chunk boundaries.
            escaped.Append(base64[i] switch
            {
                '/' when i % 3 == 0 => "\\/",
                'A' when i % 5 == 0 => "\\u0041",
                _ => base64[i].ToString(),
            });
            if (i % 65_536 == 65_535)
            {
                escaped.Append("\\n");
            }
        }

        (NpmPublishDocument document, MemoryStream body) = await ReadAsync(escaped.ToString());
        using (document)
        using (body)
        using (var decoded = new NpmAttachmentStream(body, document.Attachments["a"], hashSha512: true))
        using (var copy = new MemoryStream())
        {
            await decoded.CopyToAsync(copy, 7_000);

            Assert.False(decoded.Invalid);
            Assert.Equal(tarball, copy.ToArray());
            Assert.Equal(tarball.Length, decoded.DecodedLength);
            Assert.Equal("sha512-" + Convert.ToBase64String(SHA512.HashData(tarball)), decoded.Integrity());
        }
    }

    [Theory]
    [InlineData("QUJD*ABC")]
    [InlineData("QUJ")]
    [InlineData("QUJD\\\"")]
    [InlineData("QU\\u00e9JD")]
    [InlineData("QU\\bJD")]
    public async Task AttachmentStream_OfTextThatIsNotBase64_EndsInvalid(string data)
    {
        (NpmPublishDocument document, MemoryStream body) = await ReadAsync(data);
        using (document)
        using (body)
        using (var decoded = new NpmAttachmentStream(body, document.Attachments["a"], hashSha512: true))
        {
            await decoded.DrainAsync(CancellationToken.None);

            Assert.True(decoded.Invalid);
        }
    }

    [Fact]
    public async Task ReadingAndDecoding_AllocateFarLessThanTheTarball()
    {
        const int Size = 24 << 20;
        byte[] tarball = new byte[Size];
        new Random(7).NextBytes(tarball);
        (NpmPublishDocument warm, MemoryStream warmBody) = await ReadAsync("QUJD");
        using (warm)
        using (warmBody)
        using (var decoded = new NpmAttachmentStream(warmBody, warm.Attachments["a"], hashSha512: true))
        {
            await decoded.DrainAsync(CancellationToken.None);
        }

        using var body = new MemoryStream(Encoding.UTF8.GetBytes("{\"_attachments\":{\"a\":{\"data\":\"" + Convert.ToBase64String(tarball) + "\"}}}"));

        // MemoryStream completes every read at once, so all of this runs on this thread.
        long before = GC.GetAllocatedBytesForCurrentThread();
        NpmDocumentRead read = await NpmPublishDocumentReader.ReadAsync(body, CancellationToken.None);
        using (read.Document)
        using (var decoded = new NpmAttachmentStream(body, read.Document!.Attachments["a"], hashSha512: true))
        {
            await decoded.DrainAsync(CancellationToken.None);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(Size, decoded.DecodedLength);
            Assert.True(allocated < 1 << 20, $"reading and decoding a {Size >> 20} MiB tarball allocated {allocated} bytes");
        }
    }

    private static async Task<(NpmPublishDocument Document, MemoryStream Body)> ReadAsync(string data)
    {
        var body = new MemoryStream(Encoding.UTF8.GetBytes("{\"_attachments\":{\"a\":{\"data\":\"" + data + "\"}}}"));
        NpmDocumentRead read = await NpmPublishDocumentReader.ReadAsync(body, CancellationToken.None);
        Assert.True(read.Document is not null, read.Error);
        return (read.Document!, body);
    }
}
