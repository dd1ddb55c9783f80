using Registry.Core.Retention;

namespace Registry.Tests.Core.Retention.Engine;

/// <summary>A schedule that fires every <see cref="Every"/> after the later of the last scheduled run and the last change (the schedule text is ignored).</summary>
internal sealed class FixedSchedule(TimeSpan every) : IRetentionSchedule
{
    public TimeSpan Every => every;

    public DateTimeOffset? NextRun(RetentionTiming timing)
        => !timing.Enabled || timing.Schedule is null ? null
            : (timing.LastScheduledAt is { } last && last > timing.UpdatedAt ? last : timing.UpdatedAt) + every;
}
