using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Registry.Api.Upstream;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// Brings a blob of a docker remote into its cache repository when a client asks for it. Blobs are immutable, so
/// one cached is never asked for again. Bytes another repository already stored are only linked. Otherwise one
/// upstream download per missing blob and node (<see cref="RemoteBlobFlight"/>) runs on the application's lifetime,
/// not a client's: its bytes are spooled to a temp file (<see cref="RemoteBlobSpools"/>) that every waiting client
/// tails; they are hashed on the way, and the clients get the last byte once every byte arrived and matches the digest
/// (a mismatch stores nothing, and the tailing clients' transfers are aborted). Only then does a blob store upload
/// session copy the spool (hashing again), commit and link it, without holding the clients. A client that goes away does
/// not cancel the download for the others. A <c>HEAD</c> of a missing blob is answered from the upstream's
/// <c>HEAD</c> without downloading it.
/// </summary>
internal sealed class RemoteBlobs(UpstreamClient upstream, OciServices services, RemoteBlobSpools spools, IHostApplicationLifetime lifetime, ILogger<RemoteBlobs> logger)
{
    private const int ReadBufferSize = 128 * 1024;

    private readonly ConcurrentDictionary<string, RemoteBlobFlight> inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RemoteBlobFlight, Task> running = new();

    /// <summary>How many upstream blob downloads this node started (single flight: one per missing blob at a time).</summary>
    public long Fetches => Interlocked.Read(ref fetches);

    private long fetches;

    /// <summary>
    /// Completes when every download under way now has ended: stored and linked, or failed, its spool deleted. A client
    /// may have its last byte before that (the bytes are verified first; making them durable comes after).
    /// </summary>
    public Task DownloadsEndedAsync() => Task.WhenAll(running.Values);

    /// <summary>
    /// Makes the blob servable: <see cref="RemoteFetch.Cached"/> with no spool when it is in the cache repository (serve
    /// it from there), with an open spool handle when a download is under way (tail it, <see cref="RemoteBlobStreamResult"/>),
    /// or the reason nothing can be served.
    /// </summary>
    public async ValueTask<(RemoteFetch Fetch, RemoteBlobFlight? Flight, SafeFileHandle? Spool)> EnsureAsync(RemoteTarget target, Digest digest, CancellationToken ct)
    {
        RemoteFetch? local = await LocalAsync(target, digest, ct);
        if (local is { } answered)
        {
            return (answered, null, null);
        }

        var mine = new RemoteBlobFlight(spools.NewPath());
        string key = Key(target, digest);
        RemoteBlobFlight flight = inFlight.GetOrAdd(key, mine);
        if (flight == mine)
        {
            Task run = RunAsync(target, digest, key, mine);
            running[mine] = run;
            _ = run.ContinueWith(_ => running.TryRemove(mine, out Task? _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        RemoteFetch started = await flight.Started.WaitAsync(ct);
        if (!started.CanServe)
        {
            return (started, null, null);
        }

        return flight.OpenReader() is { } spool
            ? (started, flight, spool)
            : (await flight.Finished.WaitAsync(ct), null, null);
    }

    /// <summary>
    /// Brings the blob into the cache without serving it (a prefetch): <see cref="RemoteFetch.Cached"/> with 0 bytes
    /// when it was cached (or linked from bytes already stored), with the bytes written when it joined or started an
    /// upstream download (the same single flight clients share), or why it could not be fetched.
    /// </summary>
    public async ValueTask<(RemoteFetch Fetch, long Fetched)> PrefetchAsync(RemoteTarget target, Digest digest, CancellationToken ct)
    {
        RemoteFetch? local = await LocalAsync(target, digest, ct);
        if (local is { } answered)
        {
            return (answered, 0);
        }

        var mine = new RemoteBlobFlight(spools.NewPath());
        string key = Key(target, digest);
        RemoteBlobFlight flight = inFlight.GetOrAdd(key, mine);
        if (flight == mine)
        {
            _ = RunAsync(target, digest, key, mine);
        }

        RemoteFetch finished = await flight.Finished.WaitAsync(ct);
        return (finished, finished.Status == RemoteFetchStatus.Cached ? flight.Written : 0);
    }

    /// <summary>
    /// What a <c>HEAD</c> answers: <see cref="RemoteFetch.Cached"/> with no size when the blob is cached (answer from
    /// the cache), with the size when a download under way or the upstream's <c>HEAD</c> announced it (nothing is
    /// downloaded or stored), or the reason nothing can be answered.
    /// </summary>
    public async ValueTask<(RemoteFetch Fetch, long? Size)> HeadAsync(RemoteTarget target, Digest digest, CancellationToken ct)
    {
        RemoteFetch? local = await LocalAsync(target, digest, ct);
        if (local is { } answered)
        {
            return (answered, null);
        }

        if (inFlight.TryGetValue(Key(target, digest), out RemoteBlobFlight? flight)
            && flight.Started.IsCompletedSuccessfully && flight.Started.Result.CanServe && flight.Size is { } announced)
        {
            return (RemoteFetch.Cached, announced);
        }

        try
        {
            using HttpResponseMessage response = await upstream.SendAsync(target.Remote, HttpMethod.Head, target.UpstreamUri("blobs/" + digest.Value), null, ct);
            if (!response.IsSuccessStatusCode)
            {
                RemoteLog.UpstreamAnswered(logger, target.Repository.Key, target.UpstreamName, digest.Value, (int)response.StatusCode);
                return (RemoteFailures.Of(response), null);
            }

            if (response.Headers.TryGetValues(OciHeaders.ContentDigest, out IEnumerable<string>? values)
                && values.FirstOrDefault() is { } said && !string.Equals(said, digest.Value, StringComparison.Ordinal))
            {
                return (new RemoteFetch(RemoteFetchStatus.Invalid, $"the upstream names the blob {said}, not {digest}"), null);
            }

            return response.Content.Headers.ContentLength is { } size
                ? (RemoteFetch.Cached, size)
                : (new RemoteFetch(RemoteFetchStatus.Unreachable, "the upstream did not say the blob's size"), null);
        }
        catch (Exception e) when (RemoteFailures.IsUpstreamFailure(e, ct))
        {
            RemoteLog.UpstreamFailed(logger, target.Repository.Key, target.UpstreamName, digest.Value, e.Message);
            return (new RemoteFetch(RemoteFetchStatus.Unreachable, e.Message), null);
        }
    }

    private static string Key(RemoteTarget target, Digest digest) => target.Local.Value + "@" + digest.Value;

    /// <summary>Cached (linking bytes another repository stored), not fetchable (offline), or null: ask the upstream.</summary>
    private async ValueTask<RemoteFetch?> LocalAsync(RemoteTarget target, Digest digest, CancellationToken ct)
    {
        if (await services.Metadata.GetRepositoryBlobAsync(target.Local, digest, ct) is not null)
        {
            return RemoteFetch.Cached;
        }

        if (await services.Blobs.StatAsync(digest, ct) is { } stored && await services.Pins.TryPinAsync(digest, ct))
        {
            await services.BlobLinks.LinkAsync(target.Actor, target.Local, stored, ct);
            return RemoteFetch.Cached;
        }

        return target.Remote.Offline ? new RemoteFetch(RemoteFetchStatus.NotFound, "the remote is offline") : null;
    }

    private async Task RunAsync(RemoteTarget target, Digest digest, string key, RemoteBlobFlight flight)
    {
        RemoteFetch outcome;
        Exception? bug = null;
        try
        {
            Interlocked.Increment(ref fetches);
            outcome = await FetchAsync(target, digest, flight, lifetime.ApplicationStopping);
        }
        catch (InvalidDataException e)
        {
            RemoteLog.UpstreamFailed(logger, target.Repository.Key, target.UpstreamName, digest.Value, e.Message);
            outcome = new RemoteFetch(RemoteFetchStatus.Invalid, e.Message);
        }
        catch (Exception e) when (RemoteFailures.IsUpstreamFailure(e, lifetime.ApplicationStopping))
        {
            RemoteLog.UpstreamFailed(logger, target.Repository.Key, target.UpstreamName, digest.Value, e.Message);
            outcome = new RemoteFetch(RemoteFetchStatus.Unreachable, e.Message);
        }
        catch (Exception e)
        {
            outcome = default;
            bug = e;
        }

        inFlight.TryRemove(new KeyValuePair<string, RemoteBlobFlight>(key, flight));
        if (bug is null)
        {
            flight.Finish(outcome);
        }
        else
        {
            flight.Fail(bug);
        }
    }

    private async Task<RemoteFetch> FetchAsync(RemoteTarget target, Digest digest, RemoteBlobFlight flight, CancellationToken ct)
    {
        using HttpResponseMessage response = await upstream.SendAsync(target.Remote, HttpMethod.Get, target.UpstreamUri("blobs/" + digest.Value), null, ct);
        if (!response.IsSuccessStatusCode)
        {
            RemoteLog.UpstreamAnswered(logger, target.Repository.Key, target.UpstreamName, digest.Value, (int)response.StatusCode);
            return RemoteFailures.Of(response);
        }

        if (!await services.Pins.PinForWriteAsync(digest, ct))
        {
            return new RemoteFetch(RemoteFetchStatus.Unreachable, $"blob {digest} is being garbage-collected; retry");
        }

        flight.Begin(response.Content.Headers.ContentLength);
        Digest received = await DownloadAsync(response, digest.Algorithm, flight, ct);
        if (received != digest)
        {
            RemoteLog.BlobMismatch(logger, target.Repository.Key, digest.Value, received.Value);
            return new RemoteFetch(RemoteFetchStatus.Invalid, $"the bytes hash to {received}, not {digest}");
        }

        // The clients get their last byte now. Only then does the blob store copy the spool (hashing again), make it
        // durable (an fsync, or the last S3 part) and link it: a slow disk or bucket never holds the clients back, and
        // the store's work does not compete with the download for the CPU.
        flight.Verified();
        await using IUploadSession session = await services.Blobs.StartUploadAsync(digest.Algorithm, ct);
        try
        {
            SafeFileHandle spool = flight.OpenReader() ?? throw new InvalidOperationException("the spool of a download under way is gone");
            await using (var source = new FileStream(spool, FileAccess.Read, bufferSize: 0))
            {
                await session.AppendAsync(PipeReader.Create(source, new StreamPipeReaderOptions(bufferSize: ReadBufferSize)), ct);
            }

            CommitResult commit = await session.CommitAsync(digest, ct);
            if (commit.Status != CommitStatus.Committed)
            {
                RemoteLog.BlobMismatch(logger, target.Repository.Key, digest.Value, commit.Actual.Value);
                await session.CancelAsync(CancellationToken.None);
                return new RemoteFetch(RemoteFetchStatus.Invalid, $"the stored bytes hash to {commit.Actual}, not {digest}");
            }

            await services.BlobLinks.LinkAsync(target.Actor, target.Local, commit.Blob!, ct);
            return RemoteFetch.Cached;
        }
        catch
        {
            await session.CancelAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Reads the upstream's body into the spool at the network's pace, hashing it on the way; returns the digest of
    /// what arrived (the announced size checked).
    /// </summary>
    private static async Task<Digest> DownloadAsync(HttpResponseMessage response, DigestAlgorithm algorithm, RemoteBlobFlight flight, CancellationToken ct)
    {
        using IncrementalHash hash = IncrementalHash.CreateHash(Digest.HashName(algorithm));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        try
        {
            await using Stream body = await response.Content.ReadAsStreamAsync(ct);
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                flight.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (flight.Size is { } size && flight.Written != size)
        {
            throw new InvalidDataException($"the upstream sent {flight.Written} of the {size} bytes it announced");
        }

        return Digest.FromHash(algorithm, hash.GetHashAndReset());
    }
}
