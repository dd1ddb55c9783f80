using System.Security.Cryptography;
using System.Text;
using Registry.Core.Artifacts;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Artifacts;

/// <summary>
/// Runs an artifact repository's retention policy: plans with the retention engine's keep rules
/// (<see cref="ArtifactRetentionPlan"/>), and unless it is a dry run deletes the files of every version no rule
/// keeps (file by file, so a file deployed meanwhile into a doomed version stays) and, in Maven repositories,
/// rewrites the artifact-level <c>maven-metadata.xml</c> without the deleted versions. It never deletes bytes: each
/// file deletion queues the blobs nothing references any more for garbage collection (in its transaction), and the
/// report's freed bytes are those blobs' sizes.
/// </summary>
internal sealed class ArtifactRetentionRunner(IArtifactStore store, IBlobStore blobs, Gc.BlobPins pins, TimeProvider time, ILogger<ArtifactRetentionRunner> logger)
{
    private const int MaxMetadataBytes = 1024 * 1024;

    public async ValueTask<ArtifactRetentionReport?> RunAsync(ArtifactRepository repository, bool dryRun, string actor, CancellationToken ct)
    {
        if (await store.GetRetentionPolicyAsync(repository.Key, ct) is not { } policy)
        {
            return null;
        }

        IReadOnlyList<ArtifactFile> files = await store.ListFilesAsync(repository.Key, string.Empty, ct);
        ArtifactRetentionPlan plan = ArtifactRetentionPlan.Create(repository.Type, files, policy, time.GetUtcNow());
        ArtifactDeletion deleted = ArtifactDeletion.None;
        if (!dryRun)
        {
            foreach (ArtifactRetentionDecision decision in plan.Deleted)
            {
                foreach (ArtifactFile file in decision.Version.Files)
                {
                    deleted = deleted.Add(await store.DeletePathAsync(repository.Key, file.Path, ct));
                }
            }

            if (repository.Type == ArtifactRepositoryType.Maven)
            {
                await RewriteMetadataAsync(repository.Key, plan, actor, ct);
            }

            ArtifactLog.RetentionRan(logger, repository.Key, deleted.Files, plan.Deleted.Count());
        }

        return new ArtifactRetentionReport(repository.Key, dryRun, plan, dryRun ? null : deleted);
    }

    private async ValueTask RewriteMetadataAsync(string repository, ArtifactRetentionPlan plan, string actor, CancellationToken ct)
    {
        foreach (IGrouping<string, ArtifactRetentionDecision> artifact in plan.Deleted.GroupBy(d => d.Version.Artifact, StringComparer.Ordinal))
        {
            string path = artifact.Key + "/" + MavenLayout.MetadataName;
            if (await store.GetFileAsync(repository, path, ct) is not { } metadata || metadata.Content.Size > MaxMetadataBytes)
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
                throw new InvalidOperationException($"maven-metadata.xml of {repository}/{artifact.Key} not rewritten: its new content {digest} was still being garbage-collected");
            }

            await blobs.PutAsync(digest, bytes, ct);
            var content = new ArtifactChecksums(digest, bytes.Length, Convert.ToHexStringLower(SHA1.HashData(bytes)), Convert.ToHexStringLower(MD5.HashData(bytes)));
            await store.PutFileAsync(new ArtifactFileWrite(repository, path, content, metadata.MimeType, actor, null), allowOverwrite: true, ct);
        }
    }
}
