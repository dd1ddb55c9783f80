using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Core.Changes;
using Registry.Core.Gc;
using Registry.Core.Storage;

namespace Registry.Api.Gc;

/// <summary>
/// One collection pass: finishes deletions a stopped pass left in the <c>deleting</c> state, then, for each due queue
/// entry, marks it <c>deleting</c> in a transaction (only when unpinned and unreferenced), deletes its bytes, and
/// removes its rows. Passes run under the <c>gc-pass</c> lease (renewed while the pass runs, time-to-live
/// <c>Registry:Jobs:LeaseTtls:gc-pass</c>), so one node at a time collects; on one node they run one after another. Every pass is recorded in the run history
/// and announced as <see cref="GcPassCompleted"/> (audited as <c>registry.gc</c>, counted in the <c>registry_gc_*</c> metrics). See docs/gc.md.
/// </summary>
internal sealed partial class GarbageCollector(
    IGcStore store,
    IBlobStore blobs,
    JobLeases leases,
    IOptions<GcSettings> options,
    IOptions<JobSettings> jobs,
    TimeProvider time,
    IChangeFeed feed,
    ILogger<GarbageCollector> logger)
{
    public const string LeaseName = "gc-pass";
    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim _gate = new(1, 1);

    private GcSettings Settings => options.Value;

    /// <summary>The pass lease renews itself every third of this; a node that dies mid-pass gives it up when it expires.</summary>
    public TimeSpan LeaseTtl => jobs.Value.TtlOf(LeaseName);

    /// <summary>Exactly what a pass started now would remove (nothing is written).</summary>
    public async Task<GcPreview> PreviewAsync(CancellationToken ct)
    {
        var blobsToRemove = new List<GcCandidate>();
        await ForEachPageAsync((after, limit) => store.ListDeletingAsync(after, limit, ct), page => blobsToRemove.AddRange(page));
        DateTimeOffset cutoff = time.GetUtcNow() - Settings.ReviewDelay;
        await ForEachPageAsync((after, limit) => store.ListDueAsync(cutoff, after, limit, ct), page => blobsToRemove.AddRange(page));
        return new GcPreview(blobsToRemove);
    }

    /// <summary>
    /// Runs one pass for <paramref name="actor"/> as <paramref name="holder"/> of the lease, waiting up to
    /// <paramref name="leaseWait"/> for another holder's pass to end; null when the lease stayed taken.
    /// </summary>
    public async Task<GcPassResult?> RunAsync(Actor actor, string trigger, string holder, TimeSpan leaseWait, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using HeldLease? lease = await leases.TakeAsync(LeaseName, holder, LeaseTtl, leaseWait, LeasePoll, ct);
            if (lease is null)
            {
                return null;
            }

            return await PassAsync(actor, trigger, holder, lease, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<GcPassResult> PassAsync(Actor actor, string trigger, string holder, HeldLease lease, CancellationToken ct)
    {
        var pass = new Pass(time.GetUtcNow());

        // Deletions a stopped pass (crash, shutdown, lost lease) left half-done: re-checked, then finished.
        await ForEachPageAsync((after, limit) => store.ListDeletingAsync(after, limit, ct), async page =>
        {
            foreach (GcCandidate entry in page)
            {
                if (!lease.IsLost && await store.ConfirmDeletingAsync(entry.Digest, ct))
                {
                    await DeleteAsync(pass, entry, ct);
                }
            }
        });

        DateTimeOffset cutoff = time.GetUtcNow() - Settings.ReviewDelay;
        await ForEachPageAsync((after, limit) => store.ListDueAsync(cutoff, after, limit, ct), async page =>
        {
            foreach (GcCandidate entry in page)
            {
                if (!lease.IsLost && await store.TryMarkDeletingAsync(entry.Digest, cutoff, ct) is { } marked)
                {
                    await DeleteAsync(pass, marked, ct);
                }
            }
        });

        await store.DeleteExpiredPinsAsync(time.GetUtcNow(), ct);
        var run = new GcRun(0, trigger, holder, pass.StartedAt, time.GetUtcNow(), pass.Removed.Count, pass.Bytes, pass.Errors, pass.LastError);
        long id = await feed.RecordAsync(
            c => store.RecordRunAsync(run, Settings.RunHistory, c),
            id => [new GcPassCompleted(actor, run.FinishedAt, run with { Id = id })],
            ct);
        if (pass.Removed.Count > 0 || pass.Errors > 0)
        {
            LogPass(logger, trigger, pass.Removed.Count, pass.Bytes, pass.Errors);
        }

        return new GcPassResult(run with { Id = id }, pass.Removed);
    }

    /// <summary>Bytes first, then rows: a failure between leaves the entry <c>deleting</c> (invisible to clients) for the next pass.</summary>
    private async Task DeleteAsync(Pass pass, GcCandidate entry, CancellationToken ct)
    {
        try
        {
            await blobs.DeleteAsync(entry.Digest, ct);
            if (await store.CompleteDeletionAsync(entry.Digest, ct))
            {
                pass.Removed.Add(entry);
                pass.Bytes += entry.Size;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            pass.Errors++;
            pass.LastError = $"{entry.Digest}: {e.Message}";
            LogDeleteFailed(logger, entry.Digest.Value, e);
        }
    }

    /// <summary>Walks a digest-ordered listing page by page (keyset on the last digest).</summary>
    private async Task ForEachPageAsync(Func<string?, int, ValueTask<IReadOnlyList<GcCandidate>>> list, Func<IReadOnlyList<GcCandidate>, Task> handle)
    {
        int limit = Settings.BatchSize;
        string? after = null;
        while (true)
        {
            IReadOnlyList<GcCandidate> page = await list(after, limit);
            await handle(page);
            if (page.Count < limit)
            {
                return;
            }

            after = page[^1].Digest.Value;
        }
    }

    private Task ForEachPageAsync(Func<string?, int, ValueTask<IReadOnlyList<GcCandidate>>> list, Action<IReadOnlyList<GcCandidate>> handle)
        => ForEachPageAsync(list, page =>
        {
            handle(page);
            return Task.CompletedTask;
        });

    private sealed class Pass(DateTimeOffset startedAt)
    {
        public DateTimeOffset StartedAt { get; } = startedAt;

        public List<GcCandidate> Removed { get; } = [];

        public long Bytes { get; set; }

        public int Errors { get; set; }

        public string? LastError { get; set; }
    }

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Garbage collection ({Trigger}) removed {Blobs} blobs, {Bytes} bytes, with {Errors} errors")]
    private static partial void LogPass(ILogger logger, string trigger, int blobs, long bytes, int errors);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "Garbage collection could not delete blob {Digest}; the next pass retries")]
    private static partial void LogDeleteFailed(ILogger logger, string digest, Exception exception);
}
