namespace Registry.Core.Retention;

/// <summary>
/// What asking for a run gave: the recorded run and its work (null when planning failed), or <see cref="Busy"/> when
/// another real run of the policy holds its lock (nothing recorded).
/// </summary>
public sealed record RetentionAttempt<TWork, TRun>(TRun? Run, TWork? Work, bool Busy)
    where TWork : class
    where TRun : class;
