namespace Registry.Core.Replication;

/// <summary>The kinds of <see cref="TargetAnswer"/>.</summary>
public enum TargetAnswerKind
{
    Done,
    Absent,
    Protected,
    Unsupported,
    Refused,
}
