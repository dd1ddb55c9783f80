using System.Collections.Concurrent;
using System.Diagnostics;
using Prometheus;
using Registry.Core.Storage;

namespace Registry.Api.Operations.Metrics;

/// <summary>
/// The registry's own metrics, as prometheus-net collectors in the host's <see cref="CollectorRegistry"/> (one per
/// host, never the static default registry, so two hosts in one process, as in the tests, keep their numbers apart).
/// Every recording method takes static label strings (see <see cref="MetricLabels"/>); the labelled children are
/// cached per label combination, so recording a request allocates nothing once its series exists.
/// docs/operations.md lists each metric with its name, type and labels.
/// </summary>
internal sealed class RegistryMetrics
{
    /// <summary>Seconds; from 5 ms (a cached manifest) to 10 minutes (a large blob on a slow link).</summary>
    private static readonly double[] DurationBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private static readonly string[] RequestLabels = ["route", "method", "status"];
    private static readonly string[] RouteLabel = ["route"];
    private static readonly string[] ChangeLabels = ["change", "actor"];

    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly Counter _received;
    private readonly Counter _sent;
    private readonly Gauge _uploadsInProgress;
    private readonly Counter _blobsWritten;
    private readonly Counter _blobsRead;
    private readonly Counter _gcRuns;
    private readonly Counter _gcBlobsDeleted;
    private readonly Counter _gcFreed;
    private readonly Counter _gcErrors;
    private readonly Counter _changes;
    private readonly Gauge _storageUsed;
    private readonly Gauge _threads;
    private readonly ConcurrentDictionary<RequestSeriesKey, RequestSeries> _requestSeries = new();
    private readonly ConcurrentDictionary<string, Counter.Child> _receivedByRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter.Child> _sentByRoute = new(StringComparer.Ordinal);

    public RegistryMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        MetricFactory factory = global::Prometheus.Metrics.WithCustomRegistry(registry);

        // Exemplars are only written in the OpenMetrics format, which /metrics does not offer; reading the trace
        // context for one on every recording would cost for nothing.
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        _requests = factory.CreateCounter("registry_http_requests_total",
            "HTTP requests answered, by endpoint kind, method and status code.", RequestLabels);
        _duration = factory.CreateHistogram("registry_http_request_duration_seconds",
            "Time from the start of a request to the end of its answer, by endpoint kind, method and status code.",
            RequestLabels, new HistogramConfiguration { Buckets = DurationBuckets });
        _received = factory.CreateCounter("registry_http_received_bytes_total",
            "Request body bytes received (Content-Length, or bytes read from a chunked body), by endpoint kind.", RouteLabel);
        _sent = factory.CreateCounter("registry_http_sent_bytes_total",
            "Response body bytes sent (the Content-Length of answers to all methods but HEAD), by endpoint kind.", RouteLabel);
        _uploadsInProgress = factory.CreateGauge("registry_uploads_in_progress",
            "Blob upload requests (POST, PATCH, PUT below /blobs/uploads/) this node is handling now.");
        _blobsWritten = factory.CreateCounter("registry_blobs_written_total", "Blob uploads completed (answered 201 Created).");
        _blobsRead = factory.CreateCounter("registry_blobs_read_total",
            "Blob downloads answered (GET of a blob answered 200, 206 or a redirect to the object store).");
        _gcRuns = factory.CreateCounter("registry_gc_runs_total", "Garbage-collection passes this node ran.");
        _gcBlobsDeleted = factory.CreateCounter("registry_gc_blobs_deleted_total", "Blobs garbage collection removed on this node.");
        _gcFreed = factory.CreateCounter("registry_gc_freed_bytes_total", "Bytes of the blobs garbage collection removed on this node.");
        _gcErrors = factory.CreateCounter("registry_gc_errors_total",
            "Blob deletions that failed during garbage collection (retried by the next pass).");
        _changes = factory.CreateCounter("registry_changes_total",
            "Changes this node made to repositories (the change feed), by kind of change and kind of actor.", ChangeLabels);
        _storageUsed = factory.CreateGauge("registry_storage_used_bytes",
            "Bytes of every blob the metadata knows (layers, configs, manifests), each digest once; sampled periodically.");
        _threads = factory.CreateGauge("process_thread_count", "Operating system threads of the registry process.");
        registry.AddBeforeCollectCallback(() => _threads.Set(ThreadCount()));
    }

    /// <summary>Where these metrics live; <c>/metrics</c> serves it.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>
    /// Reports the node's read cache (<see cref="INodeBlobCache"/>) at every scrape: its size and what it served and
    /// copied, from the counts the cache keeps itself.
    /// </summary>
    public void TrackReadCache(INodeBlobCache cache)
    {
        MetricFactory factory = global::Prometheus.Metrics.WithCustomRegistry(Registry);
        Gauge bytes = factory.CreateGauge("registry_read_cache_bytes", "Bytes of complete blob copies in this node's read cache.");
        Gauge blobs = factory.CreateGauge("registry_read_cache_blobs", "Complete blob copies in this node's read cache.");
        Counter served = factory.CreateCounter("registry_read_cache_served_total",
            "Blob reads the read cache served: from a complete copy (file) or following a copy under way (copy).", ["from"]);
        Counter copies = factory.CreateCounter("registry_read_cache_copies_total", "Copies of a blob from the store into the read cache started.");
        Counter failures = factory.CreateCounter("registry_read_cache_copy_failures_total",
            "Copies into the read cache that failed (the store broke off, or its bytes did not match the digest).");
        Counter evicted = factory.CreateCounter("registry_read_cache_evicted_total", "Copies the read cache deleted to stay within its size.");
        Registry.AddBeforeCollectCallback(() =>
        {
            if (cache.Usage is not { } usage)
            {
                return;
            }

            bytes.Set(usage.Bytes);
            blobs.Set(usage.Blobs);
            served.WithLabels("file").IncTo(usage.ServedFromFile);
            served.WithLabels("copy").IncTo(usage.ServedFollowing);
            copies.IncTo(usage.Copies);
            failures.IncTo(usage.CopyFailures);
            evicted.IncTo(usage.Evicted);
        });
    }

    /// <summary>The latest storage-used sample (<see cref="StorageUsageSampler"/>).</summary>
    public void StorageUsed(long bytes) => _storageUsed.Set(bytes);

    /// <summary>Records one finished request.</summary>
    public void RequestCompleted(string route, string method, string status, double seconds, long received, long sent)
    {
        var key = new RequestSeriesKey(route, method, status);
        if (!_requestSeries.TryGetValue(key, out RequestSeries? series))
        {
            series = _requestSeries.GetOrAdd(key, static (k, self) => self.CreateRequestSeries(k), this);
        }

        series.Requests.Inc();
        series.Duration.Observe(seconds);
        if (received > 0)
        {
            ByRoute(_receivedByRoute, _received, route).Inc(received);
        }

        if (sent > 0)
        {
            ByRoute(_sentByRoute, _sent, route).Inc(sent);
        }
    }

    public void UploadStarted() => _uploadsInProgress.Inc();

    public void UploadEnded() => _uploadsInProgress.Dec();

    public void BlobWritten() => _blobsWritten.Inc();

    public void BlobRead() => _blobsRead.Inc();

    /// <summary>One change announced on the change feed; both labels are static strings (see <see cref="ChangeMetricsListener"/>).</summary>
    public void ChangeMade(string change, string actor) => _changes.WithLabels([change, actor]).Inc();

    public void GcPassCompleted(int blobs, long bytes, int errors)
    {
        _gcRuns.Inc();
        _gcBlobsDeleted.Inc(blobs);
        _gcFreed.Inc(bytes);
        _gcErrors.Inc(errors);
    }

    private RequestSeries CreateRequestSeries(RequestSeriesKey key)
    {
        string[] labels = [key.Route, key.Method, key.Status];
        return new RequestSeries(_requests.WithLabels(labels), _duration.WithLabels(labels));
    }

    /// <summary>The child of a route-labelled counter, made on first use (so a route that never sent a body has no series).</summary>
    private static Counter.Child ByRoute(ConcurrentDictionary<string, Counter.Child> cache, Counter counter, string route)
        => cache.TryGetValue(route, out Counter.Child? child)
            ? child
            : cache.GetOrAdd(route, static (r, c) => c.WithLabels(r), counter);

    private static long ThreadCount()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }

    private readonly record struct RequestSeriesKey(string Route, string Method, string Status);

    private sealed record RequestSeries(Counter.Child Requests, Histogram.Child Duration);
}
