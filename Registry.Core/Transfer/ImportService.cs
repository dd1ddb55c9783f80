using System.IO.Pipelines;
using Registry.Core.Changes;
using Registry.Core.Content;
using Registry.Core.Gc;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Transfer;

/// <summary>
/// Imports an OCI image layout (unpacked in a directory) into the registry: <see cref="ImportVerifier"/> checks every
/// digest first and refuses the whole layout on any mismatch; then each repository's blobs are stored (streamed from
/// their files, hashed again by the store) and linked, and its manifests and tags are written through
/// <see cref="BlobLinkService"/> and <see cref="ManifestService"/>, exactly as a push makes them, so tag protection,
/// quotas, history, audit and webhooks see each one with the importing actor. What the registry refuses item by item
/// (a protected tag, a quota) is reported and the rest imported.
/// </summary>
public sealed class ImportService(
    IMetadataStore metadata, IBlobStore blobs, IBlobWritePins pins, BlobLinkService links, ManifestService manifests,
    Artifacts.IArtifactStore artifactStore, Artifacts.ArtifactService artifacts)
{
    private static readonly byte[] EmptyJson = "{}"u8.ToArray();

    public async ValueTask<ImportResult> ImportAsync(Actor actor, string root, ImportOptions options, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        (ImportPlan? plan, IReadOnlyList<string> refused) = await ImportVerifier.VerifyAsync(root, options, progress, ct).ConfigureAwait(false);
        if (plan is null)
        {
            return ImportResult.Refusal(refused);
        }

        var problems = new List<string>();
        var counts = new Counts();
        int total = plan.ManifestCount;
        foreach (ImportRepository repository in plan.Repositories)
        {
            var failed = new HashSet<string>(StringComparer.Ordinal);
            foreach (ImportManifest manifest in repository.Manifests)
            {
                string? problem = await ImportManifestAsync(actor, plan, repository.Name, manifest, counts, ct).ConfigureAwait(false);
                if (problem is not null)
                {
                    problems.Add(problem);
                    failed.Add(manifest.Digest.Value);
                }

                progress?.Report(new TransferProgress("import", ++counts.Manifests, total, counts.Bytes, plan.TotalBytes));
            }

            foreach ((TagName tag, Digest digest) in repository.Tags)
            {
                if (failed.Contains(digest.Value))
                {
                    continue;
                }

                ImportManifest manifest = repository.Manifests.First(m => m.Digest == digest);
                PutManifestResult stored = await manifests.PutAsync(
                    actor, repository.Name, ManifestWrite.From(digest, manifest.Content.Length, manifest.Parsed), manifest.Parsed, tag, null, ct).ConfigureAwait(false);
                if (stored.Status == PutManifestStatus.Stored)
                {
                    counts.Tags++;
                }
                else
                {
                    problems.Add($"{repository.Name.Value}:{tag.Value}: {Refusal(stored)}");
                }
            }
        }

        int files = 0;
        foreach (ExportedFile file in plan.Files)
        {
            string? problem = await ImportFileAsync(actor, plan, file, counts, ct).ConfigureAwait(false);
            if (problem is null)
            {
                files++;
            }
            else
            {
                problems.Add(problem);
            }
        }

        return new ImportResult(false, plan.Repositories.Count, counts.Tags, counts.Manifests, counts.Stored, counts.Present, counts.Bytes, problems) { Files = files };
    }

    /// <summary>Deploys one artifact file into the repository of the same key (which must exist here), as a deploy by the actor would.</summary>
    private async ValueTask<string?> ImportFileAsync(Actor actor, ImportPlan plan, ExportedFile file, Counts counts, CancellationToken ct)
    {
        string where = $"{file.Repository}/{file.Path}";
        if (await artifactStore.GetArtifactRepositoryAsync(file.Repository, ct).ConfigureAwait(false) is not { } repository)
        {
            return $"{where}: there is no artifact repository '{file.Repository}' here; create it and import again";
        }

        Digest digest = Digest.Parse(file.Digest);
        if (await artifactStore.GetFileAsync(file.Repository, file.Path, ct).ConfigureAwait(false) is { } existing && existing.Content.Digest == digest)
        {
            return null;
        }

        if (!await pins.PinForWriteAsync(digest, ct).ConfigureAwait(false))
        {
            return $"{where}: its content is being garbage-collected; import again";
        }

        BlobInfo? blob = await blobs.StatAsync(digest, ct).ConfigureAwait(false);
        if (blob is null)
        {
            (blob, string? problem) = await UploadAsync(plan.BlobFile(digest), digest, ct).ConfigureAwait(false);
            if (blob is null)
            {
                return $"{where}: {problem}";
            }

            counts.Stored++;
            counts.Bytes += blob.Size;
        }
        else
        {
            counts.Present++;
        }

        Artifacts.ArtifactDeployResult deployed = await artifacts.DeployAsync(
            actor, repository, file.Path, new Artifacts.ArtifactChecksums(digest, blob.Size, file.Sha1, file.Md5), file.MimeType,
            file.Properties?.Select(p => new Artifacts.ArtifactProperty(p.Name, p.Value)).ToList(), byChecksum: false, ct).ConfigureAwait(false);
        return deployed.Succeeded ? null : $"{where}: refused: {deployed.Message ?? deployed.Status.ToString()}";
    }

    private async ValueTask<string?> ImportManifestAsync(Actor actor, ImportPlan plan, RepositoryName repository, ImportManifest manifest, Counts counts, CancellationToken ct)
    {
        if (await metadata.GetManifestAsync(repository, manifest.Digest, ct).ConfigureAwait(false) is not null)
        {
            return null;
        }

        foreach (ManifestDependency dependency in manifest.Parsed.Dependencies())
        {
            if (dependency.Kind == DependencyKind.Blob)
            {
                string? problem = await ImportBlobAsync(actor, plan, repository, dependency, counts, ct).ConfigureAwait(false);
                if (problem is not null)
                {
                    return problem;
                }
            }
        }

        var write = ManifestWrite.From(manifest.Digest, manifest.Content.Length, manifest.Parsed);
        PutManifestResult check = await manifests.CheckAsync(repository, write, ct).ConfigureAwait(false);
        if (check.Status != PutManifestStatus.Stored)
        {
            return $"{repository.Value}@{manifest.Digest}: {Refusal(check)}";
        }

        if (!await pins.PinForWriteAsync(manifest.Digest, ct).ConfigureAwait(false))
        {
            return $"{repository.Value}@{manifest.Digest}: the blob is being garbage-collected; import again";
        }

        await blobs.PutAsync(manifest.Digest, manifest.Content, ct).ConfigureAwait(false);
        PutManifestResult stored = await manifests.PutAsync(actor, repository, write, manifest.Parsed, null, null, ct).ConfigureAwait(false);
        return stored.Status == PutManifestStatus.Stored ? null : $"{repository.Value}@{manifest.Digest}: {Refusal(stored)}";
    }

    /// <summary>Stores the blob when the store lacks it (streamed from its file) and links it into the repository when it is not linked.</summary>
    private async ValueTask<string?> ImportBlobAsync(Actor actor, ImportPlan plan, RepositoryName repository, ManifestDependency dependency, Counts counts, CancellationToken ct)
    {
        Digest digest = dependency.Digest;
        if (await metadata.GetRepositoryBlobAsync(repository, digest, ct).ConfigureAwait(false) is not null)
        {
            return null;
        }

        if (!await pins.PinForWriteAsync(digest, ct).ConfigureAwait(false))
        {
            return $"{repository.Value}: blob {digest} is being garbage-collected; import again";
        }

        BlobInfo? blob = await blobs.StatAsync(digest, ct).ConfigureAwait(false);
        if (blob is not null)
        {
            counts.Present++;
        }
        else if (ParsedManifest.IsEmptyJsonDescriptor(digest, dependency.Size) && !File.Exists(plan.BlobFile(digest)))
        {
            blob = await blobs.PutAsync(digest, EmptyJson, ct).ConfigureAwait(false);
        }
        else
        {
            (blob, string? problem) = await UploadAsync(plan.BlobFile(digest), digest, ct).ConfigureAwait(false);
            if (blob is null)
            {
                return $"{repository.Value}: {problem}";
            }

            counts.Stored++;
            counts.Bytes += blob.Size;
        }

        await links.LinkAsync(actor, repository, blob, ct).ConfigureAwait(false);
        return null;
    }

    private async ValueTask<(BlobInfo? Blob, string? Problem)> UploadAsync(string path, Digest digest, CancellationToken ct)
    {
        IUploadSession session = await blobs.StartUploadAsync(digest.Algorithm, ct).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            try
            {
                await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan))
                {
                    PipeReader reader = PipeReader.Create(file, new StreamPipeReaderOptions(bufferSize: 256 * 1024, leaveOpen: true));
                    await session.AppendAsync(reader, ct).ConfigureAwait(false);
                    await reader.CompleteAsync().ConfigureAwait(false);
                }

                CommitResult commit = await session.CommitAsync(digest, ct).ConfigureAwait(false);
                if (commit.Status == CommitStatus.Committed)
                {
                    return (commit.Blob, null);
                }

                await session.CancelAsync(CancellationToken.None).ConfigureAwait(false);
                return (null, $"blob {digest} changed in the layout during the import: it now hashes to {commit.Actual}");
            }
            catch
            {
                await session.CancelAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }

    private static string Refusal(PutManifestResult result) => result.Status switch
    {
        PutManifestStatus.TagProtected => $"refused: {result.Violation?.Message ?? "the tag is protected"}",
        PutManifestStatus.QuotaExceeded => "refused: over the namespace quota",
        _ => $"refused: {result.Status} {result.Offending?.Digest}",
    };

    private sealed class Counts
    {
        public int Tags { get; set; }

        public int Manifests { get; set; }

        public int Stored { get; set; }

        public int Present { get; set; }

        public long Bytes { get; set; }
    }
}
