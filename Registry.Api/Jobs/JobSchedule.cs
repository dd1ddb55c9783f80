namespace Registry.Api.Jobs;

/// <summary>How often a job runs, and whether it runs at all (read from the job's own settings at start).</summary>
internal sealed record JobSchedule(TimeSpan Interval, bool Enabled = true);
