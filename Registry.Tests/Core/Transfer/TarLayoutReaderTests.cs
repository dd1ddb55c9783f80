using System.Formats.Tar;
using Registry.Core.Transfer;

namespace Registry.Tests.Core.Transfer;

/// <summary>Unpacking a layout tar: layout files kept, other tools' extras skipped, anything that could write elsewhere refused.</summary>
public sealed class TarLayoutReaderTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create("tar-layout-");

    public void Dispose() => _directory.Dispose();

    private static MemoryStream Tar(params TarEntry[] entries)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, leaveOpen: true))
        {
            foreach (TarEntry entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        output.Position = 0;
        return output;
    }

    private static PaxTarEntry File(string name, string content = "x")
        => new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };

    [Fact]
    public async Task LayoutFiles_AreUnpacked_WithOrWithoutLeadingDotSlash_AndExtrasSkipped()
    {
        string blob = "blobs/sha256/" + new string('a', 64);
        using MemoryStream tar = Tar(File("./oci-layout"), File("index.json"), File(blob, "data"), File("ingest/tmp-1"));

        Assert.Null(await TarLayoutReader.ExtractAsync(tar, _directory.Path, CancellationToken.None));

        Assert.True(System.IO.File.Exists(_directory.Combine("oci-layout")));
        Assert.Equal("data", await System.IO.File.ReadAllTextAsync(_directory.Combine(blob)));
        Assert.False(Directory.Exists(_directory.Combine("ingest")));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("blobs/../../outside")]
    [InlineData("blobs/sha256/not-hex")]
    [InlineData("/etc/outside")]
    public async Task PathsThatCouldLeaveTheDirectory_OrBadBlobNames_AreRefused(string name)
    {
        using MemoryStream tar = Tar(File(name));

        Assert.NotNull(await TarLayoutReader.ExtractAsync(tar, _directory.Path, CancellationToken.None));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task Links_AreRefused()
    {
        using MemoryStream tar = Tar(new PaxTarEntry(TarEntryType.SymbolicLink, "index.json") { LinkName = "/etc/passwd" });

        Assert.NotNull(await TarLayoutReader.ExtractAsync(tar, _directory.Path, CancellationToken.None));
        Assert.False(System.IO.File.Exists(_directory.Combine("index.json")));
    }
}
