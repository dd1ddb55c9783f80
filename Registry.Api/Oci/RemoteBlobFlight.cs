using Microsoft.Win32.SafeHandles;

namespace Registry.Api.Oci;

/// <summary>
/// One upstream download of a blob of a docker remote (<see cref="RemoteBlobs"/>), spooled to a temp file that every
/// client waiting for the blob tails (<see cref="RemoteBlobStreamResult"/>). Bytes become readable as they are written
/// to the spool; a reader waits for more on a signal, not by polling. Until every byte arrived and they hash to the
/// digest (<see cref="Verified"/>), the last byte of an announced size is held back, so that a client never receives a
/// complete response for bytes that turn out not to match the digest (its connection is aborted instead). Making the
/// blob durable and linking it come after that, without holding the clients. The spool file is deleted when the
/// download ends; readers that opened it keep their handle.
/// </summary>
internal sealed class RemoteBlobFlight(string spoolPath)
{
    private readonly object gate = new();
    private readonly TaskCompletionSource<RemoteFetch> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<RemoteFetch> finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SafeFileHandle? writer;
    private long written;
    private bool deleted;
    private volatile bool bytesVerified;
    private long signalledAt;
    private long signalledTicks = Environment.TickCount64;

    /// <summary>Readers are woken when this many bytes arrived since the last wake ...</summary>
    public const int WakeEveryBytes = 512 * 1024;

    /// <summary>... or when an append comes this long after the last wake.</summary>
    public const int WakeEveryMilliseconds = 5;

    public string SpoolPath => spoolPath;

    /// <summary>The size the upstream announced (its <c>Content-Length</c>), or null when it sent none.</summary>
    public long? Size { get; private set; }

    /// <summary>Bytes written to the spool so far.</summary>
    public long Written => Volatile.Read(ref written);

    /// <summary>
    /// Completes when the upstream answered: <see cref="RemoteFetch.Cached"/> when its bytes are arriving (readers may
    /// tail the spool), otherwise why nothing can be served.
    /// </summary>
    public Task<RemoteFetch> Started => started.Task;

    /// <summary>Completes when the download ended: <see cref="RemoteFetch.Cached"/> once the blob is verified, stored and linked.</summary>
    public Task<RemoteFetch> Finished => finished.Task;

    /// <summary>Every byte arrived and they hash to the digest: <see cref="Written"/> is final and all of it may be sent.</summary>
    public bool BytesVerified => bytesVerified;

    public bool IsFinished => finished.Task.IsCompleted;

    /// <summary>How many bytes a reader may send now: all once verified, else all but the last of the announced size.</summary>
    public long Readable
    {
        get
        {
            bool verified = bytesVerified;
            long now = Written;
            return verified || Size is not { } size ? now : Math.Min(now, size - 1);
        }
    }

    /// <summary>The upstream answered with bytes: creates the spool file and lets readers in.</summary>
    public void Begin(long? size)
    {
        lock (gate)
        {
            Size = size;
            writer = File.OpenHandle(spoolPath, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }

        started.TrySetResult(RemoteFetch.Cached);
    }

    /// <summary>Every byte arrived and they hash to the digest: releases the last byte to the readers.</summary>
    public void Verified()
    {
        TaskCompletionSource woken;
        lock (gate)
        {
            bytesVerified = true;
            woken = progress;
            progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    /// <summary>
    /// Appends bytes the upstream sent to the spool and wakes the readers: for the first bytes, then once <see cref="WakeEveryBytes"/> arrived
    /// since they were last woken, or <see cref="WakeEveryMilliseconds"/> passed (a slow upstream still reaches them
    /// chunk by chunk): every wake is a thread switch per reader, and a busy machine makes each one slow. The write is
    /// synchronous: it lands in the page cache, and an asynchronous file write would only move it to another thread.
    /// </summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        long at = Written;
        if (Size is { } size && at + bytes.Length > size)
        {
            throw new InvalidDataException($"the upstream sent more than the {size} bytes it announced");
        }

        RandomAccess.Write(writer!, bytes, at);
        long now = Environment.TickCount64;
        TaskCompletionSource? woken = null;
        lock (gate)
        {
            Volatile.Write(ref written, at + bytes.Length);
            if (at == 0 || at + bytes.Length - signalledAt >= WakeEveryBytes || now - signalledTicks >= WakeEveryMilliseconds)
            {
                (signalledAt, signalledTicks) = (at + bytes.Length, now);
                woken = progress;
                progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        woken?.TrySetResult();
    }

    /// <summary>
    /// Opens the spool for reading, or null when the download already ended (the spool is gone: serve from the blob
    /// store, or answer the failure, from <see cref="Finished"/>).
    /// </summary>
    public SafeFileHandle? OpenReader()
    {
        lock (gate)
        {
            return deleted || writer is null
                ? null
                : File.OpenHandle(spoolPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
    }

    /// <summary>Completes when more than <paramref name="readable"/> bytes are readable, the bytes are verified, or the download ended.</summary>
    public Task WaitAsync(long readable, CancellationToken ct)
    {
        Task next;
        lock (gate)
        {
            if (IsFinished || bytesVerified || Readable > readable)
            {
                return Task.CompletedTask;
            }

            next = progress.Task;
        }

        return next.WaitAsync(ct);
    }

    /// <summary>Ends the download with <paramref name="outcome"/>, deletes the spool and wakes every reader.</summary>
    public void Finish(RemoteFetch outcome)
    {
        if (outcome.Status == RemoteFetchStatus.Cached)
        {
            Verified();
        }

        End(() => finished.TrySetResult(outcome), () => started.TrySetResult(outcome));
    }

    /// <summary>Ends the download with a failure of ours (a bug, not the upstream), which readers see as an exception.</summary>
    public void Fail(Exception error) => End(() => finished.TrySetException(error), () => started.TrySetException(error));

    private void End(Action finish, Action notStarted)
    {
        TaskCompletionSource woken;
        lock (gate)
        {
            deleted = true;
            if (writer is not null)
            {
                writer.Dispose();
                try
                {
                    File.Delete(spoolPath);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // left for the sweep of stale spool files (RemoteBlobSpools); the readers must still be woken
                }
            }

            finish();
            woken = progress;
        }

        notStarted();
        woken.TrySetResult();
    }
}
