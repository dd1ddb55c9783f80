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
/// rewrites the artifact-level <c>maven-metadata.xml</c> without the deleted versions. Freed bytes become garbage
/// collection's once nothing else references them.
/// </summary>
internal sealed class ArtifactRetentionRunner(IArtifactStore store, IBlobStore blobs, TimeProvider time, ILogger<ArtifactRetentionRunner> logger)
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
        int deletedFiles = 0;
        if (!dryRun)
        {
            foreach (ArtifactRetentionDecision decision in plan.Deleted)
            {
                foreach (ArtifactFile file in decision.Version.Files)
                {
                    deletedFiles += await store.DeletePathAsync(repository.Key, file.Path, ct);
                }
            }

            if (repository.Type == ArtifactRepositoryType.Maven)
            {
                await RewriteMetadataAsync(repository.Key, plan, actor, ct);
            }

            ArtifactLog.RetentionRan(logger, repository.Key, deletedFiles, plan.Deleted.Count());
        }

        return new ArtifactRetentionReport(repository.Key, dryRun, plan, deletedFiles);
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
            await blobs.PutAsync(digest, bytes, ct);
            var content = new ArtifactChecksums(digest, bytes.Length, Convert.ToHexStringLower(SHA1.HashData(bytes)), Convert.ToHexStringLower(MD5.HashData(bytes)));
            await store.PutFileAsync(new ArtifactFileWrite(repository, path, content, metadata.MimeType, actor, null), allowOverwrite: true, ct);
        }
    }
}
