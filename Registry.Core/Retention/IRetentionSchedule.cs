namespace Registry.Core.Retention;

/// <summary>Reads policy schedules (the host's cron library): when a policy is next due.</summary>
public interface IRetentionSchedule
{
    /// <summary>The first fire time after the later of its last scheduled run and its last change; null when it has no schedule or is disabled.</summary>
    DateTimeOffset? NextRun(RetentionTiming timing);
}
