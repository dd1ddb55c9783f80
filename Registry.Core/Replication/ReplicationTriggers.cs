namespace Registry.Core.Replication;

/// <summary>
/// When a rule runs: for each pushed tag it selects (<see cref="OnPush"/>, push rules only), on a Quartz cron
/// <see cref="Cron"/> schedule read in UTC, and by hand (<see cref="Manual"/>, from the API or the console).
/// </summary>
public sealed record ReplicationTriggers(bool OnPush, string? Cron, bool Manual)
{
    public static ReplicationTriggers ManualOnly { get; } = new(false, null, true);
}
