using Registry.Core.Retention;

namespace Registry.Api.Retention;

/// <summary>The engine's view of schedules: Quartz cron expressions in UTC (<see cref="RetentionSchedule"/>).</summary>
internal sealed class QuartzRetentionSchedule : IRetentionSchedule
{
    public DateTimeOffset? NextRun(RetentionTiming timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return RetentionSchedule.NextRun(timing.Schedule, timing.Enabled, timing.UpdatedAt, timing.LastScheduledAt);
    }
}
