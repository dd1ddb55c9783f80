using System.Security.Cryptography;
using System.Text;
using Registry.Core.Artifacts;
using Registry.Core.Changes;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Artifacts;

/// <summary>
/// Runs an artifact repository's retention policy: plans with the retention engine's keep rules
/// (<see cref="ArtifactRetentionPlan"/>), and unless it is a dry run deletes the files of every version no rule
/// keeps (file by file, so a file deployed meanwhile into a doomed version stays) and, in Maven repositories,
/// rewrites the artifact-level <c>maven-metadata.xml</c> without the deleted versions. Both go through
/// <see cref="ArtifactService"/> as the system actor <see cref="ActorName"/> (<c>retention:artifacts/&lt;key&gt;</c>),
/// whoever started the run, so each deleted file is audited as <c>artifact.delete</c> and each rewrite as
/// <c>artifact.deploy</c>, as a client's would be. It never deletes bytes: each file deletion queues the blobs nothing
/// references any more for garbage collection (in its transaction), and the report's freed bytes are those blobs' sizes.
/// </summary>
internal sealed class ArtifactRetentionRunner(IArtifactStore store, ArtifactService artifacts, IBlobStore blobs, Gc.BlobPins pins, TimeProvider time, ILogger<ArtifactRetentionRunner> logger)
{
    private const int MaxMetadataBytes = 1024 * 1024;

    /// <summary>Who a repository's retention policy acts as: <c>retention:artifacts/&lt;key&gt;</c>.</summary>
    public static string ActorName(string repository) => "retention:artifacts/" + repository;

    public async ValueTask<ArtifactRetentionReport?> RunAsync(ArtifactRepository repository, bool dryRun, CancellationToken ct)
    {
        if (await store.GetRetentionPolicyAsync(repository.Key, ct) is not { } policy)
        {
            return null;
        }

        IReadOnlyList<ArtifactFile> files = await store.ListFilesAsync(repository.Key, string.Empty, ct);
        ArtifactRetentionPlan plan = ArtifactRetentionPlan.Create(repository.Type, files, policy, time.GetUtcNow());
        ArtifactDeletion deleted = ArtifactDeletion.None;
        Actor actor = Actor.System(ActorName(repository.Key));
        if (!dryRun)
        {
            foreach (ArtifactRetentionDecision decision in plan.Deleted)
            {
                foreach (ArtifactFile file in decision.Version.Files)
                {
                    deleted = deleted.Add(await artifacts.DeleteAsync(actor, repository.Key, file.Path, ct));
                }
            }

            if (repository.Type == ArtifactRepositoryType.Maven)
            {
                await RewriteMetadataAsync(repository, plan, actor, ct);
            }

            ArtifactLog.RetentionRan(logger, repository.Key, deleted.Files, plan.Deleted.Count());
        }

        return new ArtifactRetentionReport(repository.Key, dryRun, plan, dryRun ? null : deleted);
    }

    private async ValueTask RewriteMetadataAsync(ArtifactRepository repository, ArtifactRetentionPlan plan, Actor actor, CancellationToken ct)
    {
        foreach (IGrouping<string, ArtifactRetentionDecision> artifact in plan.Deleted.GroupBy(d => d.Version.Artifact, StringComparer.Ordinal))
        {
            string path = artifact.Key + "/" + MavenLayout.MetadataName;
            if (await store.GetFileAsync(repository.Key, path, ct) is not { } metadata || metadata.Content.Size > MaxMetadataBytes)
            {
                continue;
            }

            await using Stream? stream = await blobs.OpenReadAsync(metadata.Content.Digest, ct);
            if (stream is null)
            {
                continue;
            }

            using var reader = new StreamReader(stream, Encoding.UTF8);
            HashSet<string> removed = [.. artifact.Select(d => d.Version.Version)];
            if (MavenMetadata.WithoutVersions(await reader.ReadToEndAsync(ct), removed, time.GetUtcNow()) is not { } rewritten)
            {
                continue;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(rewritten);
            Digest digest = Digest.Compute(DigestAlgorithm.Sha256, bytes);
            if (!await pins.PinForWriteAsync(digest, ct))
            {
                throw new InvalidOperationException($"maven-metadata.xml of {repository.Key}/{artifact.Key} not rewritten: its new content {digest} was still being garbage-collected");
            }

            await blobs.PutAsync(digest, bytes, ct);
            var content = new ArtifactChecksums(digest, bytes.Length, Convert.ToHexStringLower(SHA1.HashData(bytes)), Convert.ToHexStringLower(MD5.HashData(bytes)));
            ArtifactDeployResult written = await artifacts.DeployAsync(actor, repository, path, content, metadata.MimeType, null, byChecksum: false, ct);
            if (!written.Succeeded)
            {
                throw new InvalidOperationException($"maven-metadata.xml of {repository.Key}/{artifact.Key} not rewritten: {written.Message}");
            }
        }
    }
}
