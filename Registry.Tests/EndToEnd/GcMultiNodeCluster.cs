namespace Registry.Tests.EndToEnd;

/// <summary>Two nodes on one PostgreSQL database and bucket, collecting every 200 ms with no review delay and 10-second pins.</summary>
public sealed class GcMultiNodeCluster : MultiNodeCluster
{
    public static readonly TimeSpan PinDuration = TimeSpan.FromSeconds(10);

    protected override int NodeCount => 2;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Registry__Gc__ReviewDelay"] = "00:00:00",
        ["Registry__Gc__Interval"] = "00:00:00.200",
        ["Registry__Gc__PinDuration"] = PinDuration.ToString(),
        ["Registry__Gc__BatchSize"] = "20",
    };
}
