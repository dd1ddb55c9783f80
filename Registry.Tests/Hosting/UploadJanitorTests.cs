using System.IO.Pipelines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Registry.Api.Hosting;
using Registry.Core.Content;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Storage.Blobs.FileSystem;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Hosting;

public sealed class UploadJanitorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("registry-janitor-").FullName;
    private readonly FileSystemBlobStore _blobs;
    private readonly SqliteMetadataStore _metadata;

    public UploadJanitorTests()
    {
        _blobs = new FileSystemBlobStore(Options.Create(new FileSystemBlobStoreOptions { RootDirectory = _root }));
        var sqlite = Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(_root, "registry.db")}" });
        _metadata = new SqliteMetadataStore(new SqliteConnectionFactory(sqlite), TimeProvider.System);
        _metadata.MigrateAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    private UploadJanitor Janitor(TimeSpan maxAge) => new(_blobs, new UploadService(_metadata, new RecordingChangeFeed(), TimeProvider.System),
        Options.Create(new UploadSettings { MaxAge = maxAge }), TimeProvider.System, NullLogger<UploadJanitor>.Instance);

    private async Task<UploadId> OpenSessionAsync(DateTimeOffset startedAt)
    {
        await using IUploadSession session = await _blobs.StartUploadAsync(CancellationToken.None);
        await session.AppendAsync(PipeReader.Create(new MemoryStream(new byte[1000])), CancellationToken.None);
        await _metadata.CreateUploadAsync(new UploadRecord(session.Id, RepositoryName.Parse("app"), startedAt), CancellationToken.None);
        return session.Id;
    }

    [Fact]
    public async Task Sweep_RemovesExpiredSessionsAndKeepsFreshOnes()
    {
        UploadId expired = await OpenSessionAsync(DateTimeOffset.UtcNow.AddHours(-2));
        UploadId fresh = await OpenSessionAsync(DateTimeOffset.UtcNow);

        (int records, int files) = await Janitor(TimeSpan.FromHours(1)).SweepAsync(CancellationToken.None);

        Assert.Equal(1, records);
        Assert.Equal(1, files);
        Assert.Null(await _metadata.GetUploadAsync(expired, CancellationToken.None));
        Assert.Null(await _blobs.ResumeUploadAsync(expired, CancellationToken.None));
        Assert.NotNull(await _metadata.GetUploadAsync(fresh, CancellationToken.None));
        await using IUploadSession? kept = await _blobs.ResumeUploadAsync(fresh, CancellationToken.None);
        Assert.Equal(1000, kept!.Length);
    }

    [Fact]
    public async Task Sweep_RemovesUploadFilesThatHaveNoRecord()
    {
        UploadId orphan;
        await using (IUploadSession session = await _blobs.StartUploadAsync(CancellationToken.None))
        {
            orphan = session.Id;
        }

        File.SetLastWriteTimeUtc(Path.Combine(_root, "uploads", orphan.Value), DateTime.UtcNow.AddHours(-3));

        (_, int files) = await Janitor(TimeSpan.FromHours(1)).SweepAsync(CancellationToken.None);

        Assert.Equal(1, files);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "uploads")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
