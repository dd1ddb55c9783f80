namespace Registry.Core.Replication;

/// <summary>Checks a cron schedule with the host's scheduler library (Core references none).</summary>
public interface IScheduleCheck
{
    /// <summary>Null when <paramref name="schedule"/> is usable (it fires after <paramref name="now"/>), else why not.</summary>
    string? Validate(string schedule, DateTimeOffset now);
}
