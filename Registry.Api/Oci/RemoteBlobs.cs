using System.Collections.Concurrent;
using System.IO.Pipelines;
using Registry.Api.Upstream;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// Brings a blob of a docker remote into its cache repository when a client asks for it. Blobs are immutable, so
/// one cached is never asked for again. Bytes another repository already stored are only linked. Otherwise the
/// upstream's bytes stream into a blob store upload session, which hashes them as they are written and commits
/// only when they match the digest (a mismatch stores nothing). Concurrent requests for the same missing blob on
/// this node share one upstream fetch, which runs on the application's lifetime, not a client's: a client that
/// goes away does not cancel it for the others.
/// </summary>
internal sealed class RemoteBlobs(UpstreamClient upstream, OciServices services, IHostApplicationLifetime lifetime, ILogger<RemoteBlobs> logger)
{
    private readonly ConcurrentDictionary<string, Task<RemoteFetch>> inFlight = new(StringComparer.Ordinal);

    /// <summary>How many upstream blob fetches this node started (single flight: one per missing blob at a time).</summary>
    public long Fetches => Interlocked.Read(ref fetches);

    private long fetches;

    public async ValueTask<RemoteFetch> EnsureAsync(RemoteTarget target, Digest digest, CancellationToken ct)
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

        if (target.Remote.Offline)
        {
            return new RemoteFetch(RemoteFetchStatus.NotFound, "the remote is offline");
        }

        string key = target.Local.Value + "@" + digest.Value;
        var mine = new TaskCompletionSource<RemoteFetch>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<RemoteFetch> shared = inFlight.GetOrAdd(key, mine.Task);
        if (shared == mine.Task)
        {
            _ = RunAsync(target, digest, key, mine);
        }

        return await shared.WaitAsync(ct);
    }

    private async Task RunAsync(RemoteTarget target, Digest digest, string key, TaskCompletionSource<RemoteFetch> completion)
    {
        try
        {
            Interlocked.Increment(ref fetches);
            completion.SetResult(await FetchAsync(target, digest, lifetime.ApplicationStopping));
        }
        catch (Exception e) when (RemoteFailures.IsUpstreamFailure(e, lifetime.ApplicationStopping))
        {
            RemoteLog.UpstreamFailed(logger, target.Repository.Key, target.UpstreamName, digest.Value, e.Message);
            completion.SetResult(new RemoteFetch(RemoteFetchStatus.Unreachable, e.Message));
        }
        catch (Exception e)
        {
            completion.SetException(e);
        }
        finally
        {
            inFlight.TryRemove(new KeyValuePair<string, Task<RemoteFetch>>(key, completion.Task));
        }
    }

    private async Task<RemoteFetch> FetchAsync(RemoteTarget target, Digest digest, CancellationToken ct)
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

        await using IUploadSession session = await services.Blobs.StartUploadAsync(digest.Algorithm, ct);
        try
        {
            await using Stream body = await response.Content.ReadAsStreamAsync(ct);
            await session.AppendAsync(PipeReader.Create(body), ct);
            CommitResult commit = await session.CommitAsync(digest, ct);
            if (commit.Status != CommitStatus.Committed)
            {
                RemoteLog.BlobMismatch(logger, target.Repository.Key, digest.Value, commit.Actual.Value);
                await session.CancelAsync(CancellationToken.None);
                return new RemoteFetch(RemoteFetchStatus.Invalid, $"the bytes hash to {commit.Actual}, not {digest}");
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
}
