using Registry.Core.Artifacts;
using Registry.Core.Changes;
using Registry.Core.Retention;

namespace Registry.Api.Artifacts;

/// <summary>
/// One artifact retention run: the plan, a unit per version it deletes (its files one by one through
/// <see cref="ArtifactService.DeleteAsync"/>), and what that did. Finishing a real run rewrites, in a Maven
/// repository, each artifact's <c>maven-metadata.xml</c> without the versions whose files all went.
/// </summary>
internal sealed class ArtifactRetentionWork : IRetentionWork
{
    private readonly ArtifactRepository _repository;
    private readonly ArtifactService _artifacts;
    private readonly ArtifactRetentionKind _kind;
    private readonly List<ArtifactRetentionDecision> _doomed;
    private readonly List<ArtifactRetentionDecision> _done = [];

    public ArtifactRetentionWork(ArtifactRepository repository, ArtifactRetentionPlan plan, ArtifactService artifacts, ArtifactRetentionKind kind)
    {
        _repository = repository;
        Plan = plan;
        _artifacts = artifacts;
        _kind = kind;
        _doomed = [.. plan.Deleted];
        Units = [.. _doomed.Select(d => d.Version.Folder)];
    }

    public ArtifactRetentionPlan Plan { get; }

    public IReadOnlyList<string> Units { get; }

    /// <summary>What the files deleted so far left unreferenced (none in a dry run).</summary>
    public ArtifactDeletion Deleted { get; private set; } = ArtifactDeletion.None;

    /// <summary>The versions the run deleted (a dry run: would delete), for its record.</summary>
    public IReadOnlyList<ArtifactRunVersion> Versions(bool dryRun)
        => [.. (dryRun ? _doomed : _done).Select(d => new ArtifactRunVersion(d.Version.Artifact, d.Version.Version, [.. d.Version.Files.Select(f => f.Path)], d.Version.Bytes))];

    /// <summary>What the endpoints answer: the plan, and (a real run) what deleting left unreferenced.</summary>
    public ArtifactRetentionReport Report(bool dryRun) => new(_repository.Key, dryRun, Plan, dryRun ? null : Deleted);

    public async Task ApplyAsync(int index, Actor actor, CancellationToken ct)
    {
        ArtifactRetentionDecision decision = _doomed[index];
        foreach (ArtifactFile file in decision.Version.Files)
        {
            Deleted = Deleted.Add(await _artifacts.DeleteAsync(actor, _repository.Key, file.Path, ct));
        }

        _done.Add(decision);
    }

    public async Task FinishAsync(Actor actor, bool dryRun, CancellationToken ct)
    {
        if (dryRun || _repository.Type != ArtifactRepositoryType.Maven)
        {
            return;
        }

        foreach (IGrouping<string, ArtifactRetentionDecision> artifact in _done.GroupBy(d => d.Version.Artifact, StringComparer.Ordinal))
        {
            await _kind.RewriteMetadataAsync(_repository, artifact.Key, artifact.Select(d => d.Version.Version).ToHashSet(StringComparer.Ordinal), actor, ct);
        }
    }
}
