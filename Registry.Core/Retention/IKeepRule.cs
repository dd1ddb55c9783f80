namespace Registry.Core.Retention;

/// <summary>
/// A retention rule: of the candidates, the ones it keeps. A candidate that no rule of a policy keeps (and that is
/// not protected) is deleted. Rules are pure: the same candidates and time give the same answer.
/// </summary>
public interface IKeepRule
{
    IEnumerable<RetentionCandidate> Keep(IReadOnlyList<RetentionCandidate> candidates, DateTimeOffset now);

    /// <summary>How run reports and messages name the rule: <c>keep the 5 most recently pushed</c>.</summary>
    string Describe();
}
