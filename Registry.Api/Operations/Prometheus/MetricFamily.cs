using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Registry.Api.Operations.Prometheus;

/// <summary>
/// Every series of one Prometheus metric (one instrument, or several with the same name): its name, type, help
/// text and, for histograms, the bucket bounds. <see cref="Record"/> runs on the thread that recorded the measurement.
/// </summary>
internal sealed class MetricFamily
{
    /// <summary>Series beyond this many (a label with unbounded values) are dropped rather than kept forever.</summary>
    public const int MaxSeries = 2000;

    /// <summary>For histograms without advice: OpenTelemetry's default bounds.</summary>
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly ConcurrentDictionary<SeriesKey, MetricSeries> _series = new();
    private readonly List<MetricSeries> _ordered = [];
    private readonly Lock _orderedLock = new();

    public MetricFamily(string name, string type, string help, MetricAggregation aggregation, double[] buckets)
    {
        Name = name;
        Type = type;
        Help = help;
        Aggregation = aggregation;
        Buckets = buckets;
    }

    public string Name { get; }

    /// <summary><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public string Type { get; }

    public string Help { get; }

    public MetricAggregation Aggregation { get; }

    /// <summary>Upper bounds of the histogram buckets, ascending (empty for other types).</summary>
    public double[] Buckets { get; }

    public static MetricFamily For(Instrument instrument)
    {
        Type definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        MetricAggregation aggregation;
        string type;
        if (definition == typeof(Counter<>))
        {
            (aggregation, type) = (MetricAggregation.Sum, "counter");
        }
        else if (definition == typeof(ObservableCounter<>))
        {
            (aggregation, type) = (MetricAggregation.LastValue, "counter");
        }
        else if (definition == typeof(UpDownCounter<>))
        {
            (aggregation, type) = (MetricAggregation.Sum, "gauge");
        }
        else if (definition == typeof(Histogram<>))
        {
            (aggregation, type) = (MetricAggregation.Histogram, "histogram");
        }
        else
        {
            (aggregation, type) = (MetricAggregation.LastValue, "gauge");
        }

        string name = PrometheusText.MetricName(instrument.Name, instrument.Unit, isCounter: type == "counter");
        string help = instrument.Description ?? instrument.Name;
        double[] buckets = aggregation == MetricAggregation.Histogram ? BucketsOf(instrument) : [];
        return new MetricFamily(name, type, help, aggregation, buckets);
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        SeriesKey key = SeriesKey.From(tags);
        if (!_series.TryGetValue(key, out MetricSeries? series) && (series = Create(key)) is null)
        {
            return;
        }

        switch (Aggregation)
        {
            case MetricAggregation.Sum:
                series.Add(value);
                break;
            case MetricAggregation.LastValue:
                series.Set(value);
                break;
            default:
                series.Observe(value, Buckets);
                break;
        }
    }

    /// <summary>Appends the family in the text exposition format (nothing while it has no series).</summary>
    public void WriteTo(StringBuilder output)
    {
        MetricSeries[] series;
        lock (_orderedLock)
        {
            series = [.. _ordered];
        }

        if (series.Length == 0)
        {
            return;
        }

        output.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusText.EscapeHelp(Help)).Append('\n');
        output.Append("# TYPE ").Append(Name).Append(' ').Append(Type).Append('\n');
        foreach (MetricSeries one in series)
        {
            if (Aggregation == MetricAggregation.Histogram)
            {
                WriteHistogram(output, one);
            }
            else
            {
                WriteSample(output, Name, one.Labels, null, one.Value);
            }
        }
    }

    private void WriteHistogram(StringBuilder output, MetricSeries series)
    {
        string bucketName = Name + "_bucket";
        long cumulative = 0;
        for (int i = 0; i < Buckets.Length; i++)
        {
            cumulative += series.BucketCount(i);
            WriteSample(output, bucketName, series.Labels, PrometheusText.FormatValue(Buckets[i]), cumulative);
        }

        cumulative += series.BucketCount(Buckets.Length);
        WriteSample(output, bucketName, series.Labels, "+Inf", cumulative);
        WriteSample(output, Name + "_sum", series.Labels, null, series.Sum);
        WriteSample(output, Name + "_count", series.Labels, null, cumulative);
    }

    private static void WriteSample(StringBuilder output, string name, string labels, string? le, double value)
    {
        output.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            output.Append('{').Append(labels);
            if (le is not null)
            {
                output.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(PrometheusText.FormatValue(value)).Append('\n');
    }

    private MetricSeries? Create(SeriesKey key)
    {
        lock (_orderedLock)
        {
            if (_series.TryGetValue(key, out MetricSeries? existing))
            {
                return existing;
            }

            if (_ordered.Count >= MaxSeries)
            {
                return null;
            }

            var series = new MetricSeries(PrometheusText.Labels(key.ToPairs()), Aggregation == MetricAggregation.Histogram ? Buckets.Length + 1 : 0);
            _series[key] = series;
            _ordered.Add(series);
            return series;
        }
    }

    private static double[] BucketsOf(Instrument instrument)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            _ => null,
        };
        return advised is { Count: > 0 } ? [.. advised.Order()] : DefaultBuckets;
    }
}
