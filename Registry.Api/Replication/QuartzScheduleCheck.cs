using Registry.Api.Retention;
using Registry.Core.Replication;

namespace Registry.Api.Replication;

/// <summary>Rule schedules are Quartz cron expressions read in UTC, like retention schedules.</summary>
internal sealed class QuartzScheduleCheck : IScheduleCheck
{
    public string? Validate(string schedule, DateTimeOffset now) => RetentionSchedule.Validate(schedule, now);
}
