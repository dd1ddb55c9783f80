namespace Registry.Core.Replication;

/// <summary>Why a run started, as its <see cref="ReplicationRun.Trigger"/> records it.</summary>
public static class ReplicationTriggerNames
{
    /// <summary>Started through the API or the console.</summary>
    public const string Manual = "manual";

    /// <summary>Started by tags pushed or moved here (the on-push trigger).</summary>
    public const string Push = "push";

    /// <summary>Started by the rule's cron schedule.</summary>
    public const string Cron = "cron";

    /// <summary>Started again because the previous run could not reach the other registry (<see cref="ReplicationBackoff"/>).</summary>
    public const string Retry = "retry";
}
