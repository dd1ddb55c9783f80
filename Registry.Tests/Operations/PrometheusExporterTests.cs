using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Operations.Metrics;
using Registry.Api.Operations.Prometheus;

namespace Registry.Tests.Operations;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Theory]
    [InlineData("registry.http.requests", "{request}", true, "registry_http_requests_total")]
    [InlineData("registry.http.request.duration", "s", false, "registry_http_request_duration_seconds")]
    [InlineData("registry.http.sent", "By", true, "registry_http_sent_bytes_total")]
    [InlineData("dotnet.process.memory.working_set", "By", false, "dotnet_process_memory_working_set_bytes")]
    [InlineData("already_total", null, true, "already_total")]
    [InlineData("size.bytes", "By", false, "size_bytes")]
    [InlineData("9lives-x", "1", false, "_9lives_x")]
    public void MetricName_FollowsTheOpenTelemetryToPrometheusConventions(string instrument, string? unit, bool counter, string expected)
        => Assert.Equal(expected, PrometheusText.MetricName(instrument, unit, counter));

    [Fact]
    public void Labels_EscapeBackslashQuoteAndNewlineInValues()
        => Assert.Equal("a_b=\"x\\\\y\\\"z\\n\"", PrometheusText.Labels([new("a.b", "x\\y\"z\n")]));

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.005, "0.005")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NaN, "NaN")]
    public void FormatValue_WritesInvariantShortestText(double value, string expected)
        => Assert.Equal(expected, PrometheusText.FormatValue(value));

    [Fact]
    public void Histogram_WritesCumulativeBucketsSumAndCount()
    {
        var metrics = new RegistryMetrics(_services.GetRequiredService<IMeterFactory>());
        using var exporter = new PrometheusExporter(metrics);

        metrics.RequestCompleted(MetricLabels.Blob, "GET", "200", 0.02, 0, 10);
        metrics.RequestCompleted(MetricLabels.Blob, "GET", "200", 7, 0, 10);
        metrics.RequestCompleted(MetricLabels.Blob, "GET", "200", 5000, 0, 10);
        string text = exporter.Scrape();

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
        Assert.Contains("# TYPE registry_http_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE registry_http_requests_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE registry_uploads_in_progress gauge\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelFreeCounters_AreScrapedAsZeroBeforeAnythingHappened()
    {
        var metrics = new RegistryMetrics(_services.GetRequiredService<IMeterFactory>());
        using var exporter = new PrometheusExporter(metrics);

        string text = exporter.Scrape();

        Assert.Equal(0, MetricsText.Sample(text, "registry_blobs_written_total"));
        Assert.Equal(0, MetricsText.Sample(text, "registry_blobs_read_total"));
        Assert.Equal(0, MetricsText.Sample(text, "registry_uploads_in_progress"));
    }

    [Fact]
    public void TwoRegistriesInOneProcess_KeepTheirCountsApart()
    {
        using ServiceProvider otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var first = new RegistryMetrics(_services.GetRequiredService<IMeterFactory>());
        var second = new RegistryMetrics(otherServices.GetRequiredService<IMeterFactory>());
        using var firstExporter = new PrometheusExporter(first);
        using var secondExporter = new PrometheusExporter(second);

        first.BlobWritten();
        first.BlobWritten();
        second.BlobWritten();

        Assert.Equal(2, MetricsText.Sample(firstExporter.Scrape(), "registry_blobs_written_total"));
        Assert.Equal(1, MetricsText.Sample(secondExporter.Scrape(), "registry_blobs_written_total"));
    }

    [Fact]
    public void Counter_FromManyThreads_LosesNoIncrement()
    {
        var metrics = new RegistryMetrics(_services.GetRequiredService<IMeterFactory>());
        using var exporter = new PrometheusExporter(metrics);

        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                metrics.RequestCompleted(MetricLabels.Manifest, "GET", "200", 0.001, 1, 1);
            }
        });

        string text = exporter.Scrape();
        Assert.Equal(80_000, MetricsText.Sample(text, "registry_http_requests_total", "route=\"manifest\",method=\"GET\",status=\"200\""));
        Assert.Equal(80_000, MetricsText.Sample(text, "registry_http_received_bytes_total", "route=\"manifest\""));
    }

    [Fact]
    public void RecordingARequest_AllocatesNothingOnceItsSeriesExists()
    {
        var metrics = new RegistryMetrics(_services.GetRequiredService<IMeterFactory>());
        using var exporter = new PrometheusExporter(metrics);
        metrics.RequestCompleted(MetricLabels.Blob, "GET", "200", 0.01, 5, 5);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            metrics.RequestCompleted(MetricLabels.Blob, "GET", "200", 0.01, 5, 5);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    public void Dispose() => _services.Dispose();
}
