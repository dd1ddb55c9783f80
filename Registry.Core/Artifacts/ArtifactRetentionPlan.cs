using Registry.Core.Retention;

namespace Registry.Core.Artifacts;

/// <summary>What retention keeps and deletes in one artifact repository, version by version, and why.</summary>
public sealed record ArtifactRetentionPlan(IReadOnlyList<ArtifactRetentionDecision> Decisions)
{
    public IEnumerable<ArtifactRetentionDecision> Deleted => Decisions.Where(d => !d.Keep);

    /// <summary>
    /// Evaluates the policy per artifact: the versions of one artifact are the candidates (pushed at their newest
    /// file), protected when a keep property is on one of their files.
    /// </summary>
    public static ArtifactRetentionPlan Create(ArtifactRepositoryType type, IEnumerable<ArtifactFile> files, ArtifactRetentionPolicy policy, DateTimeOffset now)
    {
        IReadOnlyList<IKeepRule> rules = KeepRules.CreateAll(policy.Rules);
        string describedRules = string.Join("; ", rules.Select(r => r.Describe()));
        var decisions = new List<ArtifactRetentionDecision>();
        foreach (IGrouping<string, ArtifactVersion> artifact in ArtifactVersion.Group(type, files).GroupBy(v => v.Artifact, StringComparer.Ordinal))
        {
            List<ArtifactVersion> versions = [.. artifact];
            List<RetentionCandidate> candidates = [.. versions.Select(v => new RetentionCandidate(v.Version, v.PushedAt, null, policy.Protects(v.Files)))];
            HashSet<string> kept = KeepRules.Evaluate(rules, candidates, now);
            for (int i = 0; i < versions.Count; i++)
            {
                bool keep = kept.Contains(versions[i].Version);
                string reason = candidates[i].IsProtected ? "a keep property is set"
                    : keep ? $"kept by the rules ({describedRules})"
                    : $"no rule keeps it ({describedRules})";
                decisions.Add(new ArtifactRetentionDecision(versions[i], keep, reason));
            }
        }

        return new ArtifactRetentionPlan(decisions);
    }
}
