using System.Text.Json;
using Registry.Core.Changes;
using Registry.Core.Content;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Retention;
using Registry.Core.Storage;

namespace Registry.Core.Transfer;

/// <summary>
/// Exports a selection (<see cref="TransferFilter"/>) to an OCI image layout: first a plan (which repositories, tags,
/// manifests and blobs; every manifest read and parsed, every blob's presence checked) so nothing is written for a
/// selection that cannot be exported whole; then the layout: <c>oci-layout</c>, every blob streamed from the store and
/// hashed on the way, manifests byte for byte, <c>index.json</c> with one entry per tag named <c>repository:tag</c>
/// (and one unnamed entry per untagged manifest or referrer), and <c>registry-export.json</c>. One
/// <see cref="ExportCompleted"/> is recorded when it ends.
/// </summary>
public sealed class ExportService(
    IMetadataStore metadata, IRetentionStore snapshots, IBlobStore blobs, Artifacts.IArtifactStore artifacts, IChangeFeed feed, TimeProvider time)
{
    private const int RepositoryPageSize = 500;

    public async ValueTask<(ExportPlan? Plan, string? Problem)> PlanAsync(TransferFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var repositories = new List<ExportedRepository>();
        var blobList = new List<ExportedBlob>();
        var seenBlobs = new HashSet<string>(StringComparer.Ordinal);
        var manifestBytes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? last = null;
        while (true)
        {
            RepositoryPage page = await metadata.ListRepositoriesAsync(last, RepositoryPageSize, ct).ConfigureAwait(false);
            foreach (string name in page.Names)
            {
                last = name;
                if (!filter.TakesRepository(name) || !RepositoryName.TryParse(name, out RepositoryName? repository)
                    || await snapshots.GetRetentionSnapshotAsync(repository, ct).ConfigureAwait(false) is not { } snapshot)
                {
                    continue;
                }

                (ExportedRepository? exported, string? problem) = await PlanRepositoryAsync(name, snapshot, filter, manifestBytes, blobList, seenBlobs, ct).ConfigureAwait(false);
                if (problem is not null)
                {
                    return (null, problem);
                }

                if (exported is not null)
                {
                    repositories.Add(exported);
                }
            }

            if (!page.HasMore || page.Names.Count == 0)
            {
                break;
            }
        }

        (List<ExportedFile> files, string? fileProblem) = await PlanFilesAsync(filter, blobList, seenBlobs, ct).ConfigureAwait(false);
        if (fileProblem is not null)
        {
            return (null, fileProblem);
        }

        return (new ExportPlan(filter, repositories, blobList, manifestBytes) { Files = files }, null);
    }

    /// <summary>The files of the selected artifact repositories (locals and the caches of remotes), each blob once.</summary>
    private async ValueTask<(List<ExportedFile> Files, string? Problem)> PlanFilesAsync(
        TransferFilter filter, List<ExportedBlob> blobList, HashSet<string> seenBlobs, CancellationToken ct)
    {
        var files = new List<ExportedFile>();
        if (filter.ArtifactRepositories.Count == 0)
        {
            return (files, null);
        }

        foreach (Artifacts.ArtifactRepository repository in await artifacts.ListArtifactRepositoriesAsync(ct).ConfigureAwait(false))
        {
            if (repository.Class == Artifacts.RepositoryClass.Virtual || !filter.ArtifactRepositories.Any(k => k.IsMatch(repository.Key)))
            {
                continue;
            }

            foreach (Artifacts.ArtifactFile file in await artifacts.ListFilesAsync(repository.Key, string.Empty, ct).ConfigureAwait(false))
            {
                if (!filter.TakesFile(repository.Key, file.Path))
                {
                    continue;
                }

                Digest digest = file.Content.Digest;
                if (seenBlobs.Add(digest.Value))
                {
                    if (await blobs.StatAsync(digest, ct).ConfigureAwait(false) is null)
                    {
                        return (files, $"file {repository.Key}/{file.Path} ({digest}) is missing from the blob store (run fsck)");
                    }

                    blobList.Add(new ExportedBlob(digest.Value, file.Content.Size, "file"));
                }

                files.Add(new ExportedFile(
                    repository.Key, file.Path, digest.Value, file.Content.Size, file.Content.Sha1, file.Content.Md5, file.MimeType,
                    file.Properties.Count == 0 ? null : [.. file.Properties.Select(p => new ExportedProperty(p.Name, p.Value))]));
            }
        }

        return (files, null);
    }

    public async ValueTask<ExportResult> WriteAsync(Actor actor, ExportPlan plan, ILayoutWriter writer, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(writer);
        ExportResult result = await WriteLayoutAsync(plan, writer, progress, ct).ConfigureAwait(false);
        await feed.RecordAsync(
            _ => ValueTask.FromResult(result),
            r => [new ExportCompleted(actor, time.GetUtcNow(), plan.Filter.Describe(), r)],
            ct).ConfigureAwait(false);
        return result;
    }

    private async ValueTask<ExportResult> WriteLayoutAsync(ExportPlan plan, ILayoutWriter writer, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        int manifests = plan.Blobs.Count(b => b.Kind == "manifest");
        await writer.WriteFileAsync(OciLayoutFiles.LayoutFile, System.Text.Encoding.UTF8.GetBytes(OciLayoutFiles.LayoutContent), ct).ConfigureAwait(false);
        long bytes = 0;
        int done = 0;
        foreach (ExportedBlob blob in plan.Blobs)
        {
            Digest digest = Digest.Parse(blob.Digest);
            bool matched;
            if (plan.ManifestBytes.TryGetValue(blob.Digest, out byte[]? content))
            {
                using var stream = new MemoryStream(content, writable: false);
                matched = await writer.WriteBlobAsync(digest, blob.Size, stream, ct).ConfigureAwait(false);
            }
            else
            {
                Stream? stream = await blobs.OpenReadAsync(digest, ct).ConfigureAwait(false);
                if (stream is null)
                {
                    return Failed(plan, done, bytes, $"blob {blob.Digest} disappeared from the store during the export");
                }

                await using (stream.ConfigureAwait(false))
                {
                    matched = await writer.WriteBlobAsync(digest, blob.Size, stream, ct).ConfigureAwait(false);
                }
            }

            if (!matched)
            {
                return Failed(plan, done, bytes, $"stored blob {blob.Digest} does not hash to its digest (run fsck)");
            }

            bytes += blob.Size;
            done++;
            progress?.Report(new TransferProgress("write", done, plan.Blobs.Count, bytes, plan.TotalBytes));
        }

        await writer.WriteFileAsync(OciLayoutFiles.IndexFile, LayoutIndex.Write(plan), ct).ConfigureAwait(false);
        var listing = new ExportListing(ExportListing.CurrentFormat, time.GetUtcNow(), plan.Filter.Describe(), plan.Repositories, plan.Blobs, plan.Files.Count == 0 ? null : plan.Files);
        await writer.WriteFileAsync(OciLayoutFiles.ExportFile, JsonSerializer.SerializeToUtf8Bytes(listing, ExportListing.Json), ct).ConfigureAwait(false);
        await writer.CompleteAsync(ct).ConfigureAwait(false);
        return new ExportResult(plan.Repositories.Count, plan.TagCount, manifests, plan.Blobs.Count - manifests, bytes, null) { Files = plan.Files.Count };
    }

    private static ExportResult Failed(ExportPlan plan, int blobsDone, long bytes, string problem)
        => new(plan.Repositories.Count, plan.TagCount, 0, blobsDone, bytes, problem);

    private async ValueTask<(ExportedRepository? Repository, string? Problem)> PlanRepositoryAsync(
        string name, RetentionSnapshot snapshot, TransferFilter filter, Dictionary<string, byte[]> manifestBytes,
        List<ExportedBlob> blobList, HashSet<string> seenBlobs, CancellationToken ct)
    {
        var byDigest = snapshot.Manifests.ToDictionary(m => m.Digest.Value, StringComparer.Ordinal);
        List<ExportedTag> tags = [.. snapshot.Tags
            .Where(t => filter.TakesTag(t.Name) && byDigest.ContainsKey(t.Digest.Value))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new ExportedTag(t.Name, t.Digest.Value))];
        var roots = tags.Select(t => t.Digest).ToList();
        if (filter.IncludeUntagged)
        {
            roots.AddRange(UntaggedManifests.Of(snapshot).Select(m => m.Digest.Value));
        }

        if (roots.Count == 0)
        {
            return (null, null);
        }

        // What the roots reach: an index's children, and referrers of anything taken (repeated: a signature of an SBOM).
        var referrers = snapshot.Manifests.Where(m => m.Subject is not null).ToLookup(m => m.Subject!.Value.Value, StringComparer.Ordinal);
        var ordered = new List<SnapshotManifest>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(roots);
        var expanded = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out string? digest))
        {
            if (!expanded.Add(digest))
            {
                continue;
            }

            Visit(digest, byDigest, visited, ordered);
            foreach (SnapshotManifest referrer in referrers[digest])
            {
                pending.Enqueue(referrer.Digest.Value);
            }

            foreach (Digest child in byDigest.TryGetValue(digest, out SnapshotManifest? m) ? m.Children : [])
            {
                foreach (SnapshotManifest referrer in referrers[child.Value])
                {
                    pending.Enqueue(referrer.Digest.Value);
                }
            }
        }

        var manifests = new List<ExportedManifest>(ordered.Count);
        foreach (SnapshotManifest manifest in ordered)
        {
            string? problem = await PlanManifestAsync(name, manifest, manifestBytes, blobList, seenBlobs, ct).ConfigureAwait(false);
            if (problem is not null)
            {
                return (null, problem);
            }

            manifests.Add(new ExportedManifest(manifest.Digest.Value, manifest.MediaType, manifest.Size, manifest.Subject?.Value));
        }

        return (new ExportedRepository(name, tags, manifests), null);
    }

    /// <summary>Adds the manifest after its children (depth first), once.</summary>
    private static void Visit(string digest, Dictionary<string, SnapshotManifest> byDigest, HashSet<string> visited, List<SnapshotManifest> ordered)
    {
        if (!byDigest.TryGetValue(digest, out SnapshotManifest? manifest) || !visited.Add(digest))
        {
            return;
        }

        foreach (Digest child in manifest.Children)
        {
            Visit(child.Value, byDigest, visited, ordered);
        }

        ordered.Add(manifest);
    }

    private async ValueTask<string?> PlanManifestAsync(
        string repository, SnapshotManifest manifest, Dictionary<string, byte[]> manifestBytes, List<ExportedBlob> blobList,
        HashSet<string> seenBlobs, CancellationToken ct)
    {
        string digest = manifest.Digest.Value;
        if (!manifestBytes.TryGetValue(digest, out byte[]? content))
        {
            Stream? stream = await blobs.OpenReadAsync(manifest.Digest, ct).ConfigureAwait(false);
            if (stream is null)
            {
                return $"manifest {digest} of {repository} is missing from the blob store (run fsck)";
            }

            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream((int)Math.Min(manifest.Size, int.MaxValue));
                await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
                content = buffer.ToArray();
            }

            if (Digest.Compute(manifest.Digest.Algorithm, content) != manifest.Digest)
            {
                return $"stored manifest {digest} of {repository} does not hash to its digest (run fsck)";
            }

            manifestBytes[digest] = content;
        }

        if (ManifestParser.Parse(content, manifest.MediaType).Manifest is not { } parsed)
        {
            return $"stored manifest {digest} of {repository} cannot be parsed";
        }

        foreach (ManifestDependency dependency in parsed.Dependencies())
        {
            if (dependency.Kind != DependencyKind.Blob || !seenBlobs.Add(dependency.Digest.Value))
            {
                continue;
            }

            if (await blobs.StatAsync(dependency.Digest, ct).ConfigureAwait(false) is not { } stored)
            {
                return $"blob {dependency.Digest} of {repository} (in manifest {digest}) is missing from the blob store (run fsck)";
            }

            blobList.Add(new ExportedBlob(dependency.Digest.Value, stored.Size, "blob"));
        }

        if (seenBlobs.Add(digest))
        {
            blobList.Add(new ExportedBlob(digest, content.Length, "manifest"));
        }

        return null;
    }
}
