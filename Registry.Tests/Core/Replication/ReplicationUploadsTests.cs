using Microsoft.Extensions.Options;
using Registry.Core.Primitives;
using Registry.Core.Replication;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Core.Replication;

/// <summary>
/// <see cref="ReplicationUploads"/>'s rule for a half-sent blob against a real (SQLite) store: what is saved, which
/// saved upload is worth asking about, and which answer of the other registry lets a run continue it.
/// </summary>
public sealed class ReplicationUploadsTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RepositoryName App = RepositoryName.Parse("dr/app");
    private static readonly Digest Blob = Digest.Parse("sha256:" + new string('a', 64));
    private static readonly Uri Session = new("https://peer.example.com/v2/dr/app/blobs/uploads/u1?_state=x");
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-replication-uploads-").FullName;
    private readonly ManualClock _clock = new(Start);
    private readonly SqliteMetadataStore _store;
    private readonly ReplicationUploads _uploads;

    public ReplicationUploadsTests()
    {
        _store = new SqliteMetadataStore(new SqliteConnectionFactory(Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "r.db")}" })), _clock);
        _uploads = new ReplicationUploads(_store, "dr", _clock);
    }

    public async Task InitializeAsync() => await _store.MigrateAsync(None);

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Save_KeepsTheLatestSessionAndOffset_ForTheRule_UntilForgotten()
    {
        await _uploads.SaveAsync(App, Blob, 10_000, Session, 2_000, None);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var later = new Uri("https://peer.example.com/v2/dr/app/blobs/uploads/u1?_state=y");
        await _uploads.SaveAsync(App, Blob, 10_000, later, 4_000, None);

        Assert.Equal(new ReplicationUpload("dr", "dr/app", Blob.Value, 10_000, later.AbsoluteUri, 4_000, Start.AddSeconds(5)), await _uploads.FindAsync(App, Blob, 10_000, None));
        Assert.Null(await new ReplicationUploads(_store, "other", _clock).FindAsync(App, Blob, 10_000, None));

        await _uploads.ForgetAsync(App, Blob, None);
        Assert.Null(await _uploads.FindAsync(App, Blob, 10_000, None));
    }

    [Theory]
    [InlineData(9_000L, 0L)] // saved for another size: the blob is not the one that was being sent
    [InlineData(10_000L, 0L)] // nothing confirmed
    [InlineData(10_000L, 10_001L)] // past the end
    public async Task Find_ForgetsAnUploadNotWorthAskingAbout(long askedSize, long savedOffset)
    {
        await _store.SaveReplicationUploadAsync(new ReplicationUpload("dr", App.Value, Blob.Value, 10_000, Session.AbsoluteUri, savedOffset, Start), None);

        Assert.Null(await _uploads.FindAsync(App, Blob, askedSize, None));
        Assert.Null(await _store.GetReplicationUploadAsync("dr", App.Value, Blob.Value, None));
    }

    [Theory]
    [InlineData(4_000L, 4_000L)] // the other registry holds what was confirmed
    [InlineData(6_000L, 6_000L)] // a chunk accepted after the last save
    [InlineData(10_000L, 10_000L)] // every byte: only the completing PUT is left
    [InlineData(null, null)] // it forgot the session (404) or named no range
    [InlineData(3_999L, null)] // it lost confirmed bytes: not to be trusted
    [InlineData(10_001L, null)] // more than the blob
    public void ResumeAt_TrustsTheOtherRegistry_OnlyWhenItHoldsAtLeastWhatWasConfirmed(long? held, long? expected)
    {
        var saved = new ReplicationUpload("dr", App.Value, Blob.Value, 10_000, Session.AbsoluteUri, 4_000, Start);

        Assert.Equal(expected, ReplicationUploads.ResumeAt(saved, held));
    }
}
