using System.Buffers;
using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;

namespace Registry.Api.Operations.Metrics;

/// <summary>
/// Publishes the .NET runtime's <c>System.Runtime</c> meter (GC, memory, CPU, thread pool, exceptions) and Npgsql's
/// (database connection pool use) as prometheus-net collectors in the host's <see cref="CollectorRegistry"/>, named by
/// the OpenTelemetry-to-Prometheus conventions (<see cref="OpenTelemetryNames"/>). prometheus-net's own
/// <c>MeterAdapter</c> names metrics after the meter and exports every counter as a gauge, which would rename the
/// metrics docs/operations.md lists; this listener keeps those names and types. Observable instruments are read
/// just before each scrape.
/// </summary>
internal sealed class RuntimeMeterBridge : IDisposable
{
    /// <summary>The .NET runtime's built-in meter (.NET 9 and later).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>Npgsql's meter: connection pool use and command durations, when the metadata store is PostgreSQL.</summary>
    public const string NpgsqlMeterName = "Npgsql";

    /// <summary>
    /// Observable counters of the runtime that are current values, not running totals (they go down): exported as
    /// gauges under their counter names, since a Prometheus counter cannot decrease.
    /// </summary>
    private static readonly HashSet<string> CurrentValueCounters =
        new(["dotnet.thread_pool.thread.count", "dotnet.thread_pool.queue.length"], StringComparer.Ordinal);

    /// <summary>For histograms without advice: OpenTelemetry's default bounds.</summary>
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MetricFactory _factory;
    private readonly MeterListener _listener;
    private readonly Lock _listenerLock = new();
    private bool _disposed;

    public RuntimeMeterBridge(CollectorRegistry registry)
    {
        _factory = global::Prometheus.Metrics.WithCustomRegistry(registry);
        _factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((BridgedInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((BridgedInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((BridgedInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((BridgedInstrument)state!).Record(value, tags));
        _listener.Start();
        registry.AddBeforeCollectCallback(RecordObservableInstruments);
    }

    public void Dispose()
    {
        lock (_listenerLock)
        {
            _disposed = true;
            _listener.Dispose();
        }
    }

    private void RecordObservableInstruments()
    {
        lock (_listenerLock)
        {
            if (!_disposed)
            {
                _listener.RecordObservableInstruments();
            }
        }
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (instrument.Meter.Name is not (RuntimeMeterName or NpgsqlMeterName))
        {
            return;
        }

        Type type = instrument.GetType();
        Type definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        BridgeKind kind;
        if (definition == typeof(Counter<>))
        {
            kind = BridgeKind.Increment;
        }
        else if (definition == typeof(ObservableCounter<>))
        {
            kind = CurrentValueCounters.Contains(instrument.Name) ? BridgeKind.CurrentValue : BridgeKind.RunningTotal;
        }
        else if (definition == typeof(UpDownCounter<>))
        {
            kind = BridgeKind.GaugeDelta;
        }
        else if (definition == typeof(Histogram<>))
        {
            kind = BridgeKind.Histogram;
        }
        else
        {
            kind = BridgeKind.CurrentValue;
        }

        bool counterName = definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>);
        string name = OpenTelemetryNames.MetricName(instrument.Name, instrument.Unit, counterName);
        double[] buckets = kind == BridgeKind.Histogram ? BucketsOf(instrument) : [];
        listener.EnableMeasurementEvents(instrument, new BridgedInstrument(_factory, name, instrument.Description ?? instrument.Name, kind, buckets));
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
        return advised is { Count: > 0 } ? [.. advised.Distinct().Order()] : DefaultBuckets;
    }

    private enum BridgeKind
    {
        /// <summary>Counter: each measurement is an increment of a Prometheus counter.</summary>
        Increment,

        /// <summary>ObservableCounter: each measurement is the running total of a Prometheus counter.</summary>
        RunningTotal,

        /// <summary>UpDownCounter: each measurement moves a Prometheus gauge up or down.</summary>
        GaugeDelta,

        /// <summary>Gauges and observable up-down counters: each measurement is a Prometheus gauge's value.</summary>
        CurrentValue,

        /// <summary>Histogram: each measurement is observed in buckets.</summary>
        Histogram,
    }

    /// <summary>
    /// One instrument and the collectors its measurements go to: one per set of tag names (an instrument may report
    /// different tags in different measurements). Lookups read an immutable array, so recording takes no lock.
    /// </summary>
    private sealed class BridgedInstrument(MetricFactory factory, string name, string help, BridgeKind kind, double[] buckets)
    {
        private readonly Lock _addLock = new();
        private Binding[] _bindings = [];

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            Binding? binding = Find(tags) ?? Add(tags);
            if (binding?.Collector is null)
            {
                return;
            }

            if (tags.Length == 0)
            {
                Apply(binding.Collector, value);
                return;
            }

            string[] values = ArrayPool<string>.Shared.Rent(tags.Length);
            try
            {
                for (int i = 0; i < tags.Length; i++)
                {
                    object? tag = tags[i].Value;
                    values[i] = tag as string ?? Convert.ToString(tag, CultureInfo.InvariantCulture) ?? string.Empty;
                }

                ReadOnlySpan<string> labelValues = values.AsSpan(0, tags.Length);
                switch (binding.Collector)
                {
                    case Counter counter:
                        Apply(counter.WithLabels(labelValues), value);
                        break;
                    case Gauge gauge:
                        Apply(gauge.WithLabels(labelValues), value);
                        break;
                    case Histogram histogram:
                        histogram.WithLabels(labelValues).Observe(value);
                        break;
                }
            }
            finally
            {
                ArrayPool<string>.Shared.Return(values, clearArray: true);
            }
        }

        private void Apply(object metric, double value)
        {
            switch (metric)
            {
                case ICounter counter when kind == BridgeKind.RunningTotal:
                    counter.IncTo(value);
                    break;
                case ICounter counter when value >= 0:
                    counter.Inc(value);
                    break;
                case IGauge gauge when kind == BridgeKind.GaugeDelta:
                    gauge.Inc(value);
                    break;
                case IGauge gauge:
                    gauge.Set(value);
                    break;
                case IHistogram histogram:
                    histogram.Observe(value);
                    break;
            }
        }

        private Binding? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (Binding binding in Volatile.Read(ref _bindings))
            {
                if (binding.Matches(tags))
                {
                    return binding;
                }
            }

            return null;
        }

        private Binding? Add(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (_addLock)
            {
                if (Find(tags) is { } existing)
                {
                    return existing;
                }

                string[] keys = new string[tags.Length];
                string[] labelNames = new string[tags.Length];
                for (int i = 0; i < tags.Length; i++)
                {
                    keys[i] = tags[i].Key;
                    labelNames[i] = OpenTelemetryNames.Sanitize(tags[i].Key);
                }

                Collector? collector;
                try
                {
                    collector = kind switch
                    {
                        BridgeKind.Increment or BridgeKind.RunningTotal => factory.CreateCounter(name, help, labelNames),
                        BridgeKind.Histogram => factory.CreateHistogram(name, help, labelNames, new HistogramConfiguration { Buckets = buckets }),
                        _ => factory.CreateGauge(name, help, labelNames),
                    };
                }
                catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
                {
                    // The name is taken by a metric of another type, or a tag name is no valid label name: this
                    // combination is left out (remembered, so it is not retried on every measurement).
                    collector = null;
                }

                var binding = new Binding(keys, collector);
                Volatile.Write(ref _bindings, [.. _bindings, binding]);
                return binding;
            }
        }
    }

    /// <summary>A set of tag names (in measurement order) and the collector with those label names; null when none could be made.</summary>
    private sealed class Binding(string[] keys, Collector? collector)
    {
        public Collector? Collector => collector;

        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length != keys.Length)
            {
                return false;
            }

            for (int i = 0; i < keys.Length; i++)
            {
                if (!string.Equals(keys[i], tags[i].Key, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
