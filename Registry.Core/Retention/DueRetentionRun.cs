namespace Registry.Core.Retention;

/// <summary>A policy the scheduler found due: its recorded run, or null when another run of it held its lock.</summary>
public sealed record DueRetentionRun<TPolicy, TRun>(TPolicy Policy, TRun? Run)
    where TRun : class;
