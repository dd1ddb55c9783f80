using System.IO.Pipelines;
using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>
/// One resumable blob upload. An instance is held for one request; disposing it releases the session for the next
/// request (on this node or another) without ending it. Requests for the same session are serialized.
/// </summary>
public interface IUploadSession : IAsyncDisposable
{
    UploadId Id { get; }

    /// <summary>Bytes received so far.</summary>
    long Length { get; }

    /// <summary>Streams the body to storage, hashing as the bytes arrive; returns the new length.</summary>
    ValueTask<long> AppendAsync(PipeReader body, CancellationToken ct);

    /// <summary>Verifies the digest, makes the data durable and moves it into place atomically.</summary>
    ValueTask<CommitResult> CommitAsync(Digest expected, CancellationToken ct);

    /// <summary>Removes the session and its data; safe to call twice.</summary>
    ValueTask CancelAsync(CancellationToken ct);
}
