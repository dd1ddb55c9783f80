using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// What asking for an artifact retention run gave: the recorded run (with the run's report unless it met errors), or
/// neither when the repository has no policy, or <see cref="Busy"/> when another real run of it holds its lock.
/// </summary>
internal sealed record ArtifactRetentionAttempt(ArtifactRetentionRun? Run, ArtifactRetentionReport? Report, bool Busy)
{
    public static ArtifactRetentionAttempt NoPolicy { get; } = new(null, null, false);

    public static ArtifactRetentionAttempt Locked { get; } = new(null, null, true);
}
