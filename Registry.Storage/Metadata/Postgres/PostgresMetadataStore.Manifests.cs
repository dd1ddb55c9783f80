using Npgsql;
using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public async ValueTask<ManifestRecord?> GetManifestAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        ManifestRow? row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<ManifestRow>(
            Command(MetadataSql.Manifest, new { Name = repository.Value, Digest = digest.Value }, null, ct)), ct);
        return row?.ToRecord();
    }

    public async ValueTask<ManifestRecord?> ResolveTagAsync(RepositoryName repository, TagName tag, CancellationToken ct)
    {
        ManifestRow? row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<ManifestRow>(
            Command(MetadataSql.ManifestByTag, new { Name = repository.Value, Tag = tag.Value }, null, ct)), ct);
        return row?.ToRecord();
    }

    public async ValueTask<PutManifestResult> CheckDependenciesAsync(RepositoryName repository, IReadOnlyList<ManifestDependency> dependencies, CancellationToken ct)
    {
        if (dependencies.Count == 0)
        {
            return PutManifestResult.Stored(null);
        }

        return await ReadAsync(async c =>
        {
            long? repositoryId = await RepositoryIdAsync(c, repository.Value, null, ct);
            return repositoryId is null
                ? PutManifestResult.Missing(dependencies[0])
                : await CheckDependenciesAsync(c, null, repositoryId.Value, dependencies, ct);
        }, ct);
    }

    public ValueTask<PutManifestResult> PutManifestAsync(RepositoryName repository, ManifestWrite manifest, TagName? tag, CancellationToken ct)
    {
        long now = NowMs();
        string[] gcDigests = GcDigests.Of(manifest);
        return WriteAsync(async (c, tx) =>
        {
            // First, before any row lock: collection cannot mark these deleting until this commits (see PostgresSql.Gc).
            await LockDigestsAsync(c, tx, gcDigests, ct);
            FloatingTagSettings floating = await BeginFloatingAsync(c, tx, repository, tag, ct);

            // A refused push writes nothing, not even the repository: without one, no dependency can be present.
            long? existing = await RepositoryIdAsync(c, repository.Value, tx, ct);
            if (existing is null && manifest.Dependencies.Count > 0 && !manifest.FromUpstream)
            {
                return PutManifestResult.Missing(manifest.Dependencies[0]);
            }

            long repositoryId = existing ?? await EnsureRepositoryAsync(c, tx, repository.Value, now, ct);
            var rows = new PostgresRepositoryRows(c, tx, repository, repositoryId, now);
            var key = new { RepositoryId = repositoryId, Digest = manifest.Digest.Value };

            // Share-locked: a concurrent delete of this manifest waits for the tag below to commit, or, when it
            // won, this finds the manifest gone and records it again.
            bool exists = await c.ExecuteScalarAsync<long?>(Command(PostgresSql.LockManifest, key, tx, ct)) is not null;
            if (!exists)
            {
                PutManifestResult check = manifest.FromUpstream ? PutManifestResult.Stored(null) : await CheckDependenciesAsync(c, tx, repositoryId, manifest.Dependencies, ct);
                if (check.Status != PutManifestStatus.Stored)
                {
                    return check;
                }

                if (await QuotaDemand.RefusalAsync(rows, repository.Namespace, manifest, ct) is { } overQuota)
                {
                    return PutManifestResult.Exceeds(overQuota);
                }

                await InsertManifestAsync(c, tx, repositoryId, manifest, now, ct);
                await DequeueAsync(c, tx, gcDigests, ct);
            }

            if (tag is null)
            {
                return PutManifestResult.Stored(null);
            }

            // The rules run in this transaction: a refused tag rolls back the manifest too. The tag version is bumped last.
            return await TagRules.PointPushedTagAsync(rows, tag.Value, manifest.Digest.Value, manifest.Actor, floating, ct);
        }, ct, commitIf: result => result.Status == PutManifestStatus.Stored);
    }

    public ValueTask<DeleteResult> DeleteManifestAsync(RepositoryName repository, Digest digest, string? actor, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync(async (c, tx) =>
        {
            long? repositoryId = await RepositoryIdAsync(c, repository.Value, tx, ct);
            if (repositoryId is null)
            {
                return DeleteResult.NotFound;
            }

            // Advisory locks first (see PostgresSql.Gc): what this may leave unreferenced, so the check below is exact.
            string[] garbage = await LockGcDigestsOfManifestAsync(c, tx, repositoryId.Value, digest.Value, ct);
            var key = new { RepositoryId = repositoryId.Value, Digest = digest.Value };
            if (await c.ExecuteScalarAsync<int?>(Command(PostgresSql.LockManifestForDelete, key, tx, ct)) is null)
            {
                return DeleteResult.NotFound;
            }

            // With the manifest locked, no tag can be pointed at it until this commits: the tags read now are the ones deleted.
            ManifestUntagging untagged = await TagRules.UntagManifestAsync(new PostgresRepositoryRows(c, tx, repository, repositoryId.Value, now), digest.Value, actor, ct);
            if (untagged.Refused is not null)
            {
                return DeleteResult.Refused(untagged.Refused);
            }

            await c.ExecuteAsync(Command(MetadataSql.DeleteReferences, key, tx, ct));
            bool deleted = await c.ExecuteAsync(Command(MetadataSql.DeleteManifest, key, tx, ct)) > 0;
            if (deleted)
            {
                await EnqueueUnreferencedAsync(c, tx, garbage, now, ct);   // what lost its last reference goes on the GC review queue
            }

            if (untagged.Deleted > 0)
            {
                await BumpTagsVersionAsync(c, tx, repositoryId.Value, ct);
            }

            return deleted ? DeleteResult.Deleted : DeleteResult.NotFound;
        }, ct);
    }

    public async ValueTask<IReadOnlyList<ManifestRecord>> ListReferrersAsync(RepositoryName repository, Digest subject, string? artifactType, CancellationToken ct)
    {
        if (artifactType is not null && artifactType.Contains('\0', StringComparison.Ordinal))
        {
            return [];   // PostgreSQL text cannot hold NUL, so no stored artifact type has one
        }

        List<ManifestRow> rows = await ReadAsync(async c => (artifactType is null
            ? await c.QueryAsync<ManifestRow>(Command(MetadataSql.Referrers, new { Name = repository.Value, Subject = subject.Value }, null, ct))
            : await c.QueryAsync<ManifestRow>(Command(MetadataSql.ReferrersOfType, new { Name = repository.Value, Subject = subject.Value, ArtifactType = artifactType }, null, ct))).AsList(), ct);
        var records = new ManifestRecord[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            records[i] = rows[i].ToRecord();
        }

        return records;
    }

    private static async Task InsertManifestAsync(NpgsqlConnection c, NpgsqlTransaction tx, long repositoryId, ManifestWrite manifest, long now, CancellationToken ct)
    {
        await c.ExecuteAsync(Command(MetadataSql.InsertBlob, new { Digest = manifest.Digest.Value, manifest.Size, Now = now }, tx, ct));
        bool inserted = await c.ExecuteScalarAsync<int?>(Command(PostgresSql.InsertManifest, WriteParameters.Manifest(repositoryId, manifest, now), tx, ct)) is not null;
        if (!inserted || manifest.Dependencies.Count == 0)
        {
            return;   // another node recorded the same manifest (and its references) first
        }

        var children = new string[manifest.Dependencies.Count];
        var kinds = new short[manifest.Dependencies.Count];
        for (int i = 0; i < children.Length; i++)
        {
            children[i] = manifest.Dependencies[i].Digest.Value;
            kinds[i] = (short)manifest.Dependencies[i].Kind;
        }

        await c.ExecuteAsync(Command(PostgresSql.InsertReferences, new
        {
            RepositoryId = repositoryId,
            ManifestDigest = manifest.Digest.Value,
            ChildDigests = children,
            Kinds = kinds,
        }, tx, ct));
    }

    /// <summary>
    /// The first dependency missing from the repository or of another size, looked up in one query per kind. Inside
    /// a write the rows found are share-locked, so they cannot be unlinked or deleted before the write commits.
    /// </summary>
    private static async Task<PutManifestResult> CheckDependenciesAsync(NpgsqlConnection c, NpgsqlTransaction? tx, long repositoryId, IReadOnlyList<ManifestDependency> dependencies, CancellationToken ct)
    {
        var blobs = new List<string>();
        var manifests = new List<string>();
        foreach (ManifestDependency dependency in dependencies)
        {
            (dependency.Kind == DependencyKind.Blob ? blobs : manifests).Add(dependency.Digest.Value);
        }

        bool locking = tx is not null;
        Dictionary<string, long> blobSizes = await SizesAsync(c, tx, locking ? PostgresSql.LockBlobSizes : PostgresSql.BlobSizes, repositoryId, blobs, ct);
        Dictionary<string, long> manifestSizes = await SizesAsync(c, tx, locking ? PostgresSql.LockManifestSizes : PostgresSql.ManifestSizes, repositoryId, manifests, ct);
        foreach (ManifestDependency dependency in dependencies)
        {
            Dictionary<string, long> sizes = dependency.Kind == DependencyKind.Blob ? blobSizes : manifestSizes;
            if (!sizes.TryGetValue(dependency.Digest.Value, out long size))
            {
                return PutManifestResult.Missing(dependency);
            }

            if (size != dependency.Size)
            {
                return PutManifestResult.WrongSize(dependency);
            }
        }

        return PutManifestResult.Stored(null);
    }

    private static async Task<Dictionary<string, long>> SizesAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, long repositoryId, List<string> digests, CancellationToken ct)
    {
        var sizes = new Dictionary<string, long>(digests.Count, StringComparer.Ordinal);
        if (digests.Count == 0)
        {
            return sizes;
        }

        foreach ((string digest, long size) in await c.QueryAsync<(string, long)>(Command(sql, new { RepositoryId = repositoryId, Digests = digests.ToArray() }, tx, ct)))
        {
            sizes[digest] = size;
        }

        return sizes;
    }
}
