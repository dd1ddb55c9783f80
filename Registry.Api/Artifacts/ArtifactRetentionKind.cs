using System.Security.Cryptography;
using System.Text;
using Registry.Core.Artifacts;
using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Retention;
using Registry.Core.Storage;

namespace Registry.Api.Artifacts;

/// <summary>
/// Artifact repositories' retention as a kind of <see cref="RetentionEngine"/>: plans with the engine's keep rules
/// (<see cref="ArtifactRetentionPlan"/>: the versions of each artifact are the candidates, keep properties protect),
/// and a real run deletes the files of every version no rule keeps, a version per unit (file by file, so a file
/// deployed meanwhile into a doomed version stays; <see cref="ArtifactRetentionWork"/>) and, in Maven repositories,
/// rewrites the artifact-level <c>maven-metadata.xml</c> without the deleted versions. Both go through
/// <see cref="ArtifactService"/> as the system actor <c>retention:artifacts/&lt;key&gt;</c>, whoever started the run,
/// so each deleted file is audited as <c>artifact.delete</c> and each rewrite as <c>artifact.deploy</c>, as a client's
/// would be. It never deletes bytes: each file deletion queues the blobs nothing references any more for garbage
/// collection (in its transaction). Real runs hold the lock <c>artifact-retention:&lt;key&gt;</c>; runs are recorded
/// through <see cref="IArtifactRetentionStore"/> with their summary (<see cref="RetentionRunCompleted"/>) in one transaction.
/// </summary>
internal sealed class ArtifactRetentionKind(
    IArtifactStore store,
    IArtifactRetentionStore history,
    ArtifactService artifacts,
    IBlobStore blobs,
    Gc.BlobPins pins,
    IChangeFeed feed,
    TimeProvider time,
    ILogger<ArtifactRetentionKind> logger) : IRetentionKind<ArtifactRetentionTarget, ArtifactRetentionWork, ArtifactRetentionRun>
{
    private const int MaxMetadataBytes = 1024 * 1024;

    /// <summary>Who a repository's retention policy acts as: <c>retention:artifacts/&lt;key&gt;</c>.</summary>
    public static string ActorNameOf(string repository) => "retention:artifacts/" + repository;

    public string LockName(ArtifactRetentionTarget policy) => "artifact-retention:" + policy.Repository.Key;

    public string ActorName(ArtifactRetentionTarget policy) => ActorNameOf(policy.Repository.Key);

    public RetentionTiming Timing(ArtifactRetentionTarget policy)
        => new(policy.Policy.Schedule, policy.Policy.Enabled, policy.Policy.UpdatedAt, policy.Policy.LastScheduledAt);

    /// <summary>Every scheduled policy whose repository still exists.</summary>
    public async ValueTask<IReadOnlyList<ArtifactRetentionTarget>> ListScheduledAsync(CancellationToken ct)
    {
        var targets = new List<ArtifactRetentionTarget>();
        foreach ((string key, ArtifactRetentionPolicy policy) in await history.ListScheduledRetentionAsync(ct))
        {
            if (await store.GetArtifactRepositoryAsync(key, ct) is { } repository)
            {
                targets.Add(new ArtifactRetentionTarget(repository, policy));
            }
        }

        return targets;
    }

    public ValueTask<bool> ClaimScheduledRunAsync(ArtifactRetentionTarget policy, DateTimeOffset? previous, DateTimeOffset at, CancellationToken ct)
        => history.ClaimScheduledRetentionRunAsync(policy.Repository.Key, previous, at, ct);

    public async Task<ArtifactRetentionWork> PlanAsync(ArtifactRetentionTarget policy, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        IReadOnlyList<ArtifactFile> files = await store.ListFilesAsync(policy.Repository.Key, string.Empty, ct);
        return new ArtifactRetentionWork(policy.Repository, ArtifactRetentionPlan.Create(policy.Repository.Type, files, policy.Policy, now), artifacts, this);
    }

    public async ValueTask<ArtifactRetentionRun> RecordAsync(ArtifactRetentionTarget policy, RetentionRunInfo run, ArtifactRetentionWork? work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(run);
        bool dryRun = run.Request.DryRun;
        IReadOnlyList<ArtifactRunVersion> versions = work?.Versions(dryRun) ?? [];
        int files = work is null ? 0 : dryRun ? versions.Sum(v => v.Paths.Count) : work.Deleted.Files;
        var details = new ArtifactRetentionRunDetails(versions, run.Errors);
        var record = new ArtifactRetentionRun(0, policy.Repository.Key, run.Request.Trigger, run.Request.StartedBy.Name, dryRun, run.StartedAt, run.FinishedAt,
            versions.Count, files, versions.Sum(v => v.Bytes), run.Errors.Count, details);
        if (!dryRun && work is not null)
        {
            ArtifactLog.RetentionRan(logger, policy.Repository.Key, work.Deleted.Files, versions.Count);
        }

        // The summary: what the report says (a run that went well) and the run's own counts.
        ArtifactRetentionReport? report = run.Errors.Count == 0 ? work?.Report(dryRun) : null;
        return await feed.RecordAsync(
            c => history.AddRetentionRunAsync(record, c),
            recorded => [new RetentionRunCompleted(run.Request.StartedBy, run.FinishedAt, Artifacts: true, recorded.Repository, recorded.Id, dryRun,
                report is null ? recorded.Summarize() : $"{report.Summarize()} ({recorded.Summarize()})", recorded.Errors == 0)],
            ct);
    }

    /// <summary>Rewrites the artifact's <c>maven-metadata.xml</c> without <paramref name="removed"/> (versions whose files went).</summary>
    internal async ValueTask RewriteMetadataAsync(ArtifactRepository repository, string artifact, IReadOnlySet<string> removed, Actor actor, CancellationToken ct)
    {
        string path = artifact + "/" + MavenLayout.MetadataName;
        if (await store.GetFileAsync(repository.Key, path, ct) is not { } metadata || metadata.Content.Size > MaxMetadataBytes)
        {
            return;
        }

        string text;
        await using (Stream? stream = await blobs.OpenReadAsync(metadata.Content.Digest, ct))
        {
            if (stream is null)
            {
                return;
            }

            using var reader = new StreamReader(stream, Encoding.UTF8);
            text = await reader.ReadToEndAsync(ct);
        }

        if (MavenMetadata.WithoutVersions(text, removed, time.GetUtcNow()) is not { } rewritten)
        {
            return;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(rewritten);
        Digest digest = Digest.Compute(DigestAlgorithm.Sha256, bytes);
        if (!await pins.PinForWriteAsync(digest, ct))
        {
            throw new InvalidOperationException($"maven-metadata.xml of {repository.Key}/{artifact} not rewritten: its new content {digest} was still being garbage-collected");
        }

        await blobs.PutAsync(digest, bytes, ct);
        var content = new ArtifactChecksums(digest, bytes.Length, Convert.ToHexStringLower(SHA1.HashData(bytes)), Convert.ToHexStringLower(MD5.HashData(bytes)));
        ArtifactDeployResult written = await artifacts.DeployAsync(actor, repository, path, content, metadata.MimeType, null, byChecksum: false, ct);
        if (!written.Succeeded)
        {
            throw new InvalidOperationException($"maven-metadata.xml of {repository.Key}/{artifact} not rewritten: {written.Message}");
        }
    }
}
