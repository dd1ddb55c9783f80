using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Registry.Api.Operations.Metrics;

/// <summary>
/// The registry's own instruments, on a <see cref="Meter"/> named <c>Registry</c> made by the host's
/// <see cref="IMeterFactory"/> (so two hosts in one process, as in the tests, keep their numbers apart). Every
/// recording method takes static label strings (see <see cref="MetricLabels"/>) in a stack-only <see cref="TagList"/>.
/// docs/operations.md lists each instrument with its Prometheus name and labels.
/// </summary>
internal sealed class RegistryMetrics
{
    public const string MeterName = "Registry";

    /// <summary>Seconds; from 5 ms (a cached manifest) to 10 minutes (a large blob on a slow link).</summary>
    private static readonly IReadOnlyList<double> DurationBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly UpDownCounter<long> _uploadsInProgress;
    private readonly Counter<long> _blobsWritten;
    private readonly Counter<long> _blobsRead;
    private readonly Counter<long> _gcRuns;
    private readonly Counter<long> _gcBlobsDeleted;
    private readonly Counter<long> _gcFreed;
    private readonly Counter<long> _gcErrors;
    private readonly Counter<long> _changes;
    private long _storedBytes;

    public RegistryMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>("registry.http.requests", "{request}",
            "HTTP requests answered, by endpoint kind, method and status code.");
        _duration = Meter.CreateHistogram("registry.http.request.duration", "s",
            "Time from the start of a request to the end of its answer, by endpoint kind, method and status code.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _received = Meter.CreateCounter<long>("registry.http.received", "By",
            "Request body bytes received (Content-Length, or bytes read from a chunked body), by endpoint kind.");
        _sent = Meter.CreateCounter<long>("registry.http.sent", "By",
            "Response body bytes sent (the Content-Length of answers to all methods but HEAD), by endpoint kind.");
        _uploadsInProgress = Meter.CreateUpDownCounter<long>("registry.uploads.in_progress", "{request}",
            "Blob upload requests (POST, PATCH, PUT below /blobs/uploads/) this node is handling now.");
        _blobsWritten = Meter.CreateCounter<long>("registry.blobs.written", "{blob}",
            "Blob uploads completed (answered 201 Created).");
        _blobsRead = Meter.CreateCounter<long>("registry.blobs.read", "{blob}",
            "Blob downloads answered (GET of a blob answered 200, 206 or a redirect to the object store).");
        _gcRuns = Meter.CreateCounter<long>("registry.gc.runs", "{run}", "Garbage-collection passes this node ran.");
        _gcBlobsDeleted = Meter.CreateCounter<long>("registry.gc.blobs.deleted", "{blob}", "Blobs garbage collection removed on this node.");
        _gcFreed = Meter.CreateCounter<long>("registry.gc.freed", "By", "Bytes of the blobs garbage collection removed on this node.");
        _gcErrors = Meter.CreateCounter<long>("registry.gc.errors", "{error}", "Blob deletions that failed during garbage collection (retried by the next pass).");
        _changes = Meter.CreateCounter<long>("registry.changes", "{change}",
            "Changes this node made to repositories (the change feed), by kind of change and kind of actor.");
        Meter.CreateObservableGauge("registry.storage.used", () => Volatile.Read(ref _storedBytes), "By",
            "Bytes of every blob the metadata knows (layers, configs, manifests), each digest once; sampled periodically.");
        Meter.CreateObservableUpDownCounter("process.thread.count", ThreadCount, "{thread}",
            "Operating system threads of the registry process.");
    }

    public Meter Meter { get; }

    /// <summary>The latest storage-used sample (<see cref="StorageUsageSampler"/>).</summary>
    public void StorageUsed(long bytes) => Volatile.Write(ref _storedBytes, bytes);

    /// <summary>Records one finished request.</summary>
    public void RequestCompleted(string route, string method, string status, double seconds, long received, long sent)
    {
        var tags = new TagList
        {
            { "route", route },
            { "method", method },
            { "status", status },
        };
        _requests.Add(1, in tags);
        _duration.Record(seconds, in tags);
        var routeOnly = new TagList { { "route", route } };
        if (received > 0)
        {
            _received.Add(received, in routeOnly);
        }

        if (sent > 0)
        {
            _sent.Add(sent, in routeOnly);
        }
    }

    /// <summary>
    /// Gives the label-less instruments a first value of 0, so they are scraped before anything happened (an
    /// exporter calls this once it listens).
    /// </summary>
    public void PublishInitialValues()
    {
        _uploadsInProgress.Add(0);
        _blobsWritten.Add(0);
        _blobsRead.Add(0);
        _gcRuns.Add(0);
        _gcBlobsDeleted.Add(0);
        _gcFreed.Add(0);
        _gcErrors.Add(0);
    }

    private static long ThreadCount()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }

    public void UploadStarted() => _uploadsInProgress.Add(1);

    public void UploadEnded() => _uploadsInProgress.Add(-1);

    public void BlobWritten() => _blobsWritten.Add(1);

    public void BlobRead() => _blobsRead.Add(1);

    /// <summary>One change announced on the change feed; both labels are static strings (see <see cref="ChangeMetricsListener"/>).</summary>
    public void ChangeMade(string change, string actor)
    {
        var tags = new TagList { { "change", change }, { "actor", actor } };
        _changes.Add(1, in tags);
    }

    public void GcPassCompleted(int blobs, long bytes, int errors)
    {
        _gcRuns.Add(1);
        _gcBlobsDeleted.Add(blobs);
        _gcFreed.Add(bytes);
        _gcErrors.Add(errors);
    }
}
