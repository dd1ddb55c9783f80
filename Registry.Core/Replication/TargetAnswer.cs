namespace Registry.Core.Replication;

/// <summary>
/// How the other registry answered a change to a tag or manifest there: done, absent already, refused because a tag
/// protection rule there covers the tag (an instance of ours: 403 <c>DENIED</c> naming the rule), refused because it
/// does not support the operation (CNCF Distribution deleting a tag), or refused for another reason.
/// </summary>
public sealed record TargetAnswer(TargetAnswerKind Kind, string? Reason)
{
    public static TargetAnswer Done { get; } = new(TargetAnswerKind.Done, null);

    public static TargetAnswer Absent { get; } = new(TargetAnswerKind.Absent, null);
}
