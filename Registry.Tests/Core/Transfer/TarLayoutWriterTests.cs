using System.Formats.Tar;
using Registry.Core.Primitives;
using Registry.Core.Transfer;

namespace Registry.Tests.Core.Transfer;

/// <summary>The streamed layout tar reads back with a standard tar reader, long (sha512) blob paths included, and a blob that does not hash to its digest is reported.</summary>
public sealed class TarLayoutWriterTests
{
    [Fact]
    public async Task Written_Layout_ReadsBack_WithSha256AndSha512Blobs()
    {
        byte[] small = Digests.RandomBytes(700);
        byte[] large = Digests.RandomBytes(513);
        Digest sha256 = Digest.Compute(DigestAlgorithm.Sha256, small);
        Digest sha512 = Digest.Compute(DigestAlgorithm.Sha512, large);
        using var output = new MemoryStream();
        var writer = new TarLayoutWriter(output, DateTimeOffset.UnixEpoch);

        await writer.WriteFileAsync("oci-layout", "{}"u8.ToArray(), CancellationToken.None);
        Assert.True(await writer.WriteBlobAsync(sha256, small.Length, new MemoryStream(small), CancellationToken.None));
        Assert.True(await writer.WriteBlobAsync(sha512, large.Length, new MemoryStream(large), CancellationToken.None));
        await writer.CompleteAsync(CancellationToken.None);

        output.Position = 0;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var reader = new TarReader(output);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType == TarEntryType.Directory)
            {
                continue;
            }

            using var copy = new MemoryStream();
            entry.DataStream!.CopyTo(copy);
            files[entry.Name] = copy.ToArray();
        }

        Assert.Equal(["blobs/sha256/" + sha256.Hex, "blobs/sha512/" + sha512.Hex, "oci-layout"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(small, files["blobs/sha256/" + sha256.Hex]);
        Assert.Equal(large, files["blobs/sha512/" + sha512.Hex]);
    }

    [Fact]
    public async Task Blob_ThatDoesNotHashToItsDigest_IsReported()
    {
        byte[] content = Digests.RandomBytes(100);
        Digest other = Digest.Compute(DigestAlgorithm.Sha256, Digests.RandomBytes(100));
        using var output = new MemoryStream();
        var writer = new TarLayoutWriter(output, DateTimeOffset.UnixEpoch);

        Assert.False(await writer.WriteBlobAsync(other, content.Length, new MemoryStream(content), CancellationToken.None));
    }
}
