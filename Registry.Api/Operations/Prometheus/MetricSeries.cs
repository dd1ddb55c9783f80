namespace Registry.Api.Operations.Prometheus;

/// <summary>
/// One time series: its label text, rendered once, and its value — a running sum, a last observed value, or
/// histogram buckets. Updated lock-free from any thread.
/// </summary>
internal sealed class MetricSeries(string labels, int bucketCount)
{
    private readonly long[]? _buckets = bucketCount > 0 ? new long[bucketCount] : null;
    private double _value;
    private double _sum;

    /// <summary>The labels inside the braces, e.g. <c>route="blob",method="GET"</c>; empty when there are none.</summary>
    public string Labels => labels;

    public double Value => Volatile.Read(ref _value);

    public double Sum => Volatile.Read(ref _sum);

    public void Add(double amount) => AddTo(ref _value, amount);

    public void Set(double value) => Volatile.Write(ref _value, value);

    /// <summary>Counts <paramref name="value"/> in the first bucket whose upper bound holds it, or the last (+Inf).</summary>
    public void Observe(double value, double[] bounds)
    {
        int index = bounds.Length;
        for (int i = 0; i < bounds.Length; i++)
        {
            if (value <= bounds[i])
            {
                index = i;
                break;
            }
        }

        Interlocked.Increment(ref _buckets![index]);
        AddTo(ref _sum, value);
    }

    /// <summary>The count of bucket <paramref name="index"/> alone (not cumulative).</summary>
    public long BucketCount(int index) => Volatile.Read(ref _buckets![index]);

    private static void AddTo(ref double target, double amount)
    {
        double current = Volatile.Read(ref target);
        while (true)
        {
            double seen = Interlocked.CompareExchange(ref target, current + amount, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
