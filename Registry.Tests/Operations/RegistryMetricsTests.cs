using System.Diagnostics.Metrics;
using System.Text;
using Prometheus;
using Registry.Api.Operations.Metrics;

namespace Registry.Tests.Operations;

/// <summary>The registry's metrics in a prometheus-net registry of their own, scraped in the text format 0.0.4.</summary>
public sealed class RegistryMetricsTests
{
    [Theory]
    [InlineData("registry.http.requests", "{request}", true, "registry_http_requests_total")]
    [InlineData("registry.http.request.duration", "s", false, "registry_http_request_duration_seconds")]
    [InlineData("registry.http.sent", "By", true, "registry_http_sent_bytes_total")]
    [InlineData("dotnet.process.memory.working_set", "By", false, "dotnet_process_memory_working_set_bytes")]
    [InlineData("already_total", null, true, "already_total")]
    [InlineData("size.bytes", "By", false, "size_bytes")]
    [InlineData("9lives-x", "1", false, "_9lives_x")]
    public void MetricName_FollowsTheOpenTelemetryToPrometheusConventions(string instrument, string? unit, bool counter, string expected)
        => Assert.Equal(expected, OpenTelemetryNames.MetricName(instrument, unit, counter));

    [Fact]
    public async Task Histogram_WritesCumulativeBucketsSumAndCount()
    {
        var metrics = new RegistryMetrics(global::Prometheus.Metrics.NewCustomRegistry());

        metrics.RequestCompleted(MetricLabels.Blob, "GET", "200", 0.02, 0, 10);
        metrics.RequestCompleted(MetricLabels.Blob, "GET", "200", 7, 0, 10);
        metrics.RequestCompleted(MetricLabels.Blob, "GET", "200", 5000, 0, 10);
        string text = await ScrapeAsync(metrics.Registry);

        const string labels = "route=\"blob\",method=\"GET\",status=\"200\"";
        Assert.Equal(0, MetricsText.Sample(text, "registry_http_request_duration_seconds_bucket", labels + ",le=\"0.01\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_http_request_duration_seconds_bucket", labels + ",le=\"0.025\""));
        Assert.Equal(1, MetricsText.Sample(text, "registry_http_request_duration_seconds_bucket", labels + ",le=\"5\""));
        Assert.Equal(2, MetricsText.Sample(text, "registry_http_request_duration_seconds_bucket", labels + ",le=\"10\""));
        Assert.Equal(2, MetricsText.Sample(text, "registry_http_request_duration_seconds_bucket", labels + ",le=\"600\""));
        Assert.Equal(3, MetricsText.Sample(text, "registry_http_request_duration_seconds_bucket", labels + ",le=\"+Inf\""));
        Assert.Equal(3, MetricsText.Sample(text, "registry_http_request_duration_seconds_count", labels));
        Assert.Equal(5007.02, MetricsText.Sample(text, "registry_http_request_duration_seconds_sum", labels)!.Value, 6);
        Assert.Equal(30, MetricsText.Sample(text, "registry_http_sent_bytes_total", "route=\"blob\""));
        Assert.Null(MetricsText.Sample(text, "registry_http_received_bytes_total", "route=\"blob\""));
        Assert.Contains("# TYPE registry_http_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE registry_http_requests_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE registry_uploads_in_progress gauge\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Histogram_HasExactlyTheDocumentedBuckets()
    {
        var metrics = new RegistryMetrics(global::Prometheus.Metrics.NewCustomRegistry());
        metrics.RequestCompleted(MetricLabels.Manifest, "GET", "200", 0.001, 0, 0);

        string text = await ScrapeAsync(metrics.Registry);

        string[] bounds = [.. MetricsText.Samples(text)
            .Where(line => line.StartsWith("registry_http_request_duration_seconds_bucket{", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..line.LastIndexOf('"')])];
        Assert.Equal(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60", "120", "300", "600", "+Inf"], bounds);
    }

    [Fact]
    public async Task LabelFreeMetrics_AreScrapedAsZeroBeforeAnythingHappened()
    {
        var metrics = new RegistryMetrics(global::Prometheus.Metrics.NewCustomRegistry());

        string text = await ScrapeAsync(metrics.Registry);

        Assert.Equal(0, MetricsText.Sample(text, "registry_blobs_written_total"));
        Assert.Equal(0, MetricsText.Sample(text, "registry_blobs_read_total"));
        Assert.Equal(0, MetricsText.Sample(text, "registry_uploads_in_progress"));
        Assert.Equal(0, MetricsText.Sample(text, "registry_gc_runs_total"));
        Assert.Equal(0, MetricsText.Sample(text, "registry_storage_used_bytes"));
        Assert.True(MetricsText.Sample(text, "process_thread_count") > 0);
    }

    [Fact]
    public async Task TwoRegistriesInOneProcess_KeepTheirCountsApart()
    {
        var first = new RegistryMetrics(global::Prometheus.Metrics.NewCustomRegistry());
        var second = new RegistryMetrics(global::Prometheus.Metrics.NewCustomRegistry());

        first.BlobWritten();
        first.BlobWritten();
        second.BlobWritten();

        Assert.Equal(2, MetricsText.Sample(await ScrapeAsync(first.Registry), "registry_blobs_written_total"));
        Assert.Equal(1, MetricsText.Sample(await ScrapeAsync(second.Registry), "registry_blobs_written_total"));
    }

    [Fact]
    public async Task Counter_FromManyThreads_LosesNoIncrement()
    {
        var metrics = new RegistryMetrics(global::Prometheus.Metrics.NewCustomRegistry());

        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                metrics.RequestCompleted(MetricLabels.Manifest, "GET", "200", 0.001, 1, 1);
            }
        });

        string text = await ScrapeAsync(metrics.Registry);
        Assert.Equal(80_000, MetricsText.Sample(text, "registry_http_requests_total", "route=\"manifest\",method=\"GET\",status=\"200\""));
        Assert.Equal(80_000, MetricsText.Sample(text, "registry_http_received_bytes_total", "route=\"manifest\""));
    }

    [Fact]
    public void RecordingARequest_AllocatesNothingOnceItsSeriesExists()
    {
        var metrics = new RegistryMetrics(global::Prometheus.Metrics.NewCustomRegistry());
        metrics.RequestCompleted(MetricLabels.Blob, "GET", "200", 0.01, 5, 5);
        metrics.UploadStarted();
        metrics.UploadEnded();
        metrics.BlobRead();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            metrics.RequestCompleted(MetricLabels.Blob, "GET", "200", 0.01, 5, 5);
            metrics.UploadStarted();
            metrics.UploadEnded();
            metrics.BlobRead();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task RuntimeMeter_KeepsTheOpenTelemetryNamesAndTypes()
    {
        CollectorRegistry registry = global::Prometheus.Metrics.NewCustomRegistry();
        using var bridge = new RuntimeMeterBridge(registry);

        string text = await ScrapeAsync(registry);

        Assert.Contains("# TYPE dotnet_gc_collections_total counter\n", text, StringComparison.Ordinal);
        Assert.NotNull(MetricsText.Sample(text, "dotnet_gc_collections_total", "gc_heap_generation=\"gen0\""));
        Assert.Contains("# TYPE dotnet_process_memory_working_set_bytes gauge\n", text, StringComparison.Ordinal);
        Assert.True(MetricsText.Sample(text, "dotnet_process_cpu_time_seconds_total", "cpu_mode=\"user\"") > 0);

        // A current value the runtime declares as a counter: a gauge, so it can go down again.
        Assert.Contains("# TYPE dotnet_thread_pool_thread_count_total gauge\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuntimeMeter_LeavesOtherMetersOut()
    {
        CollectorRegistry registry = global::Prometheus.Metrics.NewCustomRegistry();
        using var bridge = new RuntimeMeterBridge(registry);
        using var other = new Meter("Some.Library");
        Counter<long> counter = other.CreateCounter<long>("some.requests");

        counter.Add(1);
        string text = await ScrapeAsync(registry);

        Assert.DoesNotContain("some_requests", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NpgsqlMeter_EveryKindOfInstrumentBecomesTheMatchingPrometheusType()
    {
        CollectorRegistry registry = global::Prometheus.Metrics.NewCustomRegistry();
        using var bridge = new RuntimeMeterBridge(registry);
        using var meter = new Meter(RuntimeMeterBridge.NpgsqlMeterName);
        Counter<long> read = meter.CreateCounter<long>("test.bridge.read", "By");
        UpDownCounter<int> busy = meter.CreateUpDownCounter<int>("test.bridge.busy", "{connection}");
        Histogram<double> duration = meter.CreateHistogram("test.bridge.duration", "s", null, null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        meter.CreateObservableGauge("test.bridge.max", () => 7, "{connection}");

        read.Add(100, new KeyValuePair<string, object?>("db.client.connection.pool.name", "registry-metadata"));
        read.Add(20, new KeyValuePair<string, object?>("db.client.connection.pool.name", "registry-metadata"));
        busy.Add(3);
        busy.Add(-1);
        duration.Record(0.5, new KeyValuePair<string, object?>("state", "ok"));
        duration.Record(2, new KeyValuePair<string, object?>("state", "ok"), new KeyValuePair<string, object?>("error.type", 42));
        string text = await ScrapeAsync(registry);

        Assert.Contains("# TYPE test_bridge_read_bytes_total counter\n", text, StringComparison.Ordinal);
        Assert.Equal(120, MetricsText.Sample(text, "test_bridge_read_bytes_total", "db_client_connection_pool_name=\"registry-metadata\""));
        Assert.Contains("# TYPE test_bridge_busy gauge\n", text, StringComparison.Ordinal);
        Assert.Equal(2, MetricsText.Sample(text, "test_bridge_busy"));
        Assert.Contains("# TYPE test_bridge_max gauge\n", text, StringComparison.Ordinal);
        Assert.Equal(7, MetricsText.Sample(text, "test_bridge_max"));
        Assert.Contains("# TYPE test_bridge_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Equal(0, MetricsText.Sample(text, "test_bridge_duration_seconds_bucket", "state=\"ok\",le=\"0.1\""));
        Assert.Equal(1, MetricsText.Sample(text, "test_bridge_duration_seconds_bucket", "state=\"ok\",le=\"1\""));
        Assert.Equal(1, MetricsText.Sample(text, "test_bridge_duration_seconds_count", "state=\"ok\""));
        Assert.Equal(1, MetricsText.Sample(text, "test_bridge_duration_seconds_count", "state=\"ok\",error_type=\"42\""));
    }

    private static async Task<string> ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
