using System.IO.Pipelines;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Tests.Api.Upstream;

/// <summary>
/// A blob store whose upload sessions wait before reading a body until the test opens <see cref="AppendGate"/>, and
/// at <see cref="IUploadSession.CommitAsync"/> until it opens <see cref="CommitGate"/> (each when set): shows what a
/// client receives while the store is slow or a blob is being made durable. Everything else goes to the store it wraps.
/// </summary>
internal sealed class GatedCommitBlobStore(IBlobStore inner) : IBlobStore
{
    public TaskCompletionSource? CommitGate { get; set; }

    public TaskCompletionSource? AppendGate { get; set; }

    /// <summary>How many commits were asked for (each then waits at the gate).</summary>
    public int Commits => Volatile.Read(ref commits);

    private int commits;

    public ValueTask CheckAvailableAsync(CancellationToken ct) => inner.CheckAvailableAsync(ct);

    public ValueTask<BlobInfo?> StatAsync(Digest digest, CancellationToken ct) => inner.StatAsync(digest, ct);

    public ValueTask<Stream?> OpenReadAsync(Digest digest, CancellationToken ct) => inner.OpenReadAsync(digest, ct);

    public ValueTask<Uri?> GetRedirectUriAsync(Digest digest, TimeSpan ttl, CancellationToken ct) => inner.GetRedirectUriAsync(digest, ttl, ct);

    public ValueTask<BlobInfo> PutAsync(Digest digest, ReadOnlyMemory<byte> content, CancellationToken ct) => inner.PutAsync(digest, content, ct);

    public async ValueTask<IUploadSession> StartUploadAsync(CancellationToken ct) => new Session(this, await inner.StartUploadAsync(ct));

    public async ValueTask<IUploadSession> StartUploadAsync(DigestAlgorithm algorithm, CancellationToken ct)
        => new Session(this, await inner.StartUploadAsync(algorithm, ct));

    public async ValueTask<IUploadSession?> ResumeUploadAsync(UploadId id, CancellationToken ct)
        => await inner.ResumeUploadAsync(id, ct) is { } session ? new Session(this, session) : null;

    public ValueTask<int> PurgeUploadsAsync(DateTimeOffset olderThan, CancellationToken ct) => inner.PurgeUploadsAsync(olderThan, ct);

    public ValueTask<bool> DeleteAsync(Digest digest, CancellationToken ct) => inner.DeleteAsync(digest, ct);

    public IAsyncEnumerable<StoredBlob> ListAsync(CancellationToken ct) => inner.ListAsync(ct);

    private sealed class Session(GatedCommitBlobStore store, IUploadSession inner) : IUploadSession
    {
        public UploadId Id => inner.Id;

        public long Length => inner.Length;

        public async ValueTask<long> AppendAsync(PipeReader body, CancellationToken ct)
        {
            if (store.AppendGate is { } gate)
            {
                await gate.Task.WaitAsync(ct);
            }

            return await inner.AppendAsync(body, ct);
        }

        public async ValueTask<CommitResult> CommitAsync(Digest expected, CancellationToken ct)
        {
            Interlocked.Increment(ref store.commits);
            if (store.CommitGate is { } gate)
            {
                await gate.Task.WaitAsync(ct);
            }

            return await inner.CommitAsync(expected, ct);
        }

        public ValueTask CancelAsync(CancellationToken ct) => inner.CancelAsync(ct);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
