using System.Diagnostics.CodeAnalysis;
using Quartz;
using Registry.Core.Retention;

namespace Registry.Api.Retention;

/// <summary>
/// Policy schedules: Quartz cron expressions (seconds first, e.g. <c>0 0 3 * * ?</c> for 03:00 every day), read in UTC.
/// </summary>
internal static class RetentionSchedule
{
    /// <summary>Null when the expression is usable (it fires after <paramref name="now"/>), else why not.</summary>
    public static string? Validate(string schedule, DateTimeOffset now)
    {
        if (!TryParse(schedule, out CronExpression? cron, out string? problem))
        {
            return problem;
        }

        return cron.GetNextValidTimeAfter(now) is null
            ? $"schedule '{schedule}' never fires again"
            : null;
    }

    /// <summary>
    /// When the policy runs next on schedule: the first fire time after its last scheduled run or its last change,
    /// whichever is later (a changed schedule counts from the change). Null when it has no schedule or is disabled.
    /// </summary>
    public static DateTimeOffset? NextRun(RetentionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!policy.Enabled || policy.Schedule is null || !TryParse(policy.Schedule, out CronExpression? cron, out _))
        {
            return null;
        }

        DateTimeOffset from = policy.LastScheduledAt is { } last && last > policy.UpdatedAt ? last : policy.UpdatedAt;
        return cron.GetNextValidTimeAfter(from);
    }

    private static bool TryParse(string schedule, [NotNullWhen(true)] out CronExpression? cron, [NotNullWhen(false)] out string? problem)
    {
        cron = null;
        problem = null;
        try
        {
            cron = new CronExpression(schedule, TimeZoneInfo.Utc);
            return true;
        }
        catch (FormatException e)
        {
            problem = $"schedule '{schedule}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 3 * * ?\"): {e.Message}";
            return false;
        }
    }
}
