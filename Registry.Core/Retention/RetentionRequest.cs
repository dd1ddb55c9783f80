namespace Registry.Core.Retention;

/// <summary>
/// A run asked for: by whom (<see cref="StartedBy"/>: a user's name, or <c>scheduler</c>), how (<see cref="Trigger"/>
/// <see cref="RetentionRun.Manual"/> or <see cref="RetentionRun.Scheduled"/>), and whether it only plans.
/// </summary>
public sealed record RetentionRequest(string Trigger, string StartedBy, bool DryRun)
{
    public static RetentionRequest Scheduled { get; } = new(RetentionRun.Scheduled, "scheduler", DryRun: false);
}
