namespace Registry.Core.Retention;

/// <summary>
/// A run asked for: by whom (<see cref="StartedBy"/>: a user with the request it came with, or the system actor
/// <c>scheduler</c>; the run history records its name), how (<see cref="Trigger"/> <see cref="RetentionRun.Manual"/> or
/// <see cref="RetentionRun.Scheduled"/>), and whether it only plans. Whoever starts it, a run deletes as its policy's
/// own system actor; <see cref="StartedBy"/> is who the run's summary (<see cref="Changes.RetentionRunCompleted"/>) names.
/// </summary>
public sealed record RetentionRequest(string Trigger, Changes.Actor StartedBy, bool DryRun)
{
    public static RetentionRequest Scheduled { get; } = new(RetentionRun.Scheduled, Changes.Actor.System("scheduler"), DryRun: false);
}
