namespace Registry.Core.Artifacts;

/// <summary>
/// Scheduled artifact retention and the run history of artifact retention. The metadata stores implement it beside
/// <see cref="IArtifactStore"/> (one instance serves both).
/// </summary>
public interface IArtifactRetentionStore
{
    /// <summary>Every artifact retention policy that has a schedule (enabled or not), by repository.</summary>
    ValueTask<IReadOnlyList<ScheduledArtifactRetention>> ListScheduledRetentionAsync(CancellationToken ct);

    /// <summary>
    /// Records that a scheduled run of the repository's policy starts at <paramref name="at"/>, only if its last
    /// scheduled run is still <paramref name="previous"/>: of several nodes seeing the same due run, exactly one gets true.
    /// </summary>
    ValueTask<bool> ClaimScheduledRetentionRunAsync(string repository, DateTimeOffset? previous, DateTimeOffset at, CancellationToken ct);

    /// <summary>Records a run; returns it with its id.</summary>
    ValueTask<ArtifactRetentionRun> AddRetentionRunAsync(ArtifactRetentionRun run, CancellationToken ct);

    /// <summary>The repository's runs newest first (ids below <paramref name="before"/> when given), without details.</summary>
    ValueTask<IReadOnlyList<ArtifactRetentionRun>> ListRetentionRunsAsync(string repository, long? before, int limit, CancellationToken ct);

    /// <summary>The run with its details, or null when the repository has no run with that id.</summary>
    ValueTask<ArtifactRetentionRun?> GetRetentionRunAsync(string repository, long id, CancellationToken ct);
}
