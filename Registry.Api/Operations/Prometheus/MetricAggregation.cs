namespace Registry.Api.Operations.Prometheus;

/// <summary>How measurements of an instrument become the value of its series.</summary>
internal enum MetricAggregation
{
    /// <summary>Counter and UpDownCounter: measurements are increments.</summary>
    Sum,

    /// <summary>Observable instruments and Gauge: each measurement is the current value.</summary>
    LastValue,

    /// <summary>Histogram: measurements are counted in buckets.</summary>
    Histogram,
}
