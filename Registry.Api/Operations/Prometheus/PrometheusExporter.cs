using System.Diagnostics.Metrics;
using System.Text;
using Registry.Api.Operations.Metrics;

namespace Registry.Api.Operations.Prometheus;

/// <summary>
/// Listens to the registry's <see cref="Meter"/>, the runtime's <c>System.Runtime</c> meter (GC, memory, CPU,
/// thread pool, exceptions) and Npgsql's (database connection pool use) with a <see cref="MeterListener"/>, aggregates their measurements in memory, and
/// writes them in the Prometheus text exposition format when <c>/metrics</c> is scraped.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    /// <summary>The .NET runtime's built-in meter (.NET 9 and later).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>Npgsql's meter: connection pool use and command durations, when the metadata store is PostgreSQL.</summary>
    public const string NpgsqlMeterName = "Npgsql";

    private readonly Meter _registryMeter;
    private readonly MeterListener _listener;
    private readonly Dictionary<string, MetricFamily> _familiesByName = new(StringComparer.Ordinal);
    private readonly List<MetricFamily> _families = [];
    private readonly Lock _familiesLock = new();
    private readonly Lock _scrapeLock = new();

    public PrometheusExporter(RegistryMetrics metrics)
    {
        _registryMeter = metrics.Meter;
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.Start();
        metrics.PublishInitialValues();
    }

    /// <summary>The current value of every series, as the body of a <c>/metrics</c> answer.</summary>
    public string Scrape()
    {
        lock (_scrapeLock)
        {
            // Observable instruments (the runtime's) report only when asked.
            _listener.RecordObservableInstruments();
            MetricFamily[] families;
            lock (_familiesLock)
            {
                families = [.. _families];
            }

            var output = new StringBuilder(16 * 1024);
            foreach (MetricFamily family in families)
            {
                family.WriteTo(output);
            }

            return output.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        // The registry meter of this host only (another host in the same process has its own), and the runtime's.
        if (!ReferenceEquals(instrument.Meter, _registryMeter) && instrument.Meter.Name is not (RuntimeMeterName or NpgsqlMeterName))
        {
            return;
        }

        MetricFamily candidate = MetricFamily.For(instrument);
        MetricFamily family;
        lock (_familiesLock)
        {
            if (!_familiesByName.TryGetValue(candidate.Name, out family!))
            {
                family = candidate;
                _familiesByName.Add(family.Name, family);
                _families.Add(family);
            }
        }

        listener.EnableMeasurementEvents(instrument, family);
    }
}
