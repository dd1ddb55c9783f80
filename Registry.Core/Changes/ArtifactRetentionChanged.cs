namespace Registry.Core.Changes;

/// <summary>
/// An artifact repository's retention policy set (replaced), or removed (<see cref="Removed"/>). <see cref="Rules"/>
/// describes its keep rules (<c>keep the 3 newest; ...</c>), <see cref="Schedule"/> its cron schedule (null: run
/// by hand only).
/// </summary>
public sealed record ArtifactRetentionChanged(
    Actor Actor,
    DateTimeOffset At,
    string Repository,
    bool Removed,
    string? Rules,
    string? Schedule,
    bool Enabled) : ChangeRecord(Actor, At)
{
    public override string Subject => Repository;
}
