using Microsoft.Data.Sqlite;
using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<ManifestRecord?> GetManifestAsync(RepositoryName repository, Digest digest, CancellationToken ct)
    {
        ManifestRow? row = Read(c => c.QuerySingleOrDefault<ManifestRow>(MetadataSql.Manifest, new { Name = repository.Value, Digest = digest.Value }));
        return ValueTask.FromResult(row?.ToRecord());
    }

    public ValueTask<ManifestRecord?> ResolveTagAsync(RepositoryName repository, TagName tag, CancellationToken ct)
    {
        ManifestRow? row = Read(c => c.QuerySingleOrDefault<ManifestRow>(MetadataSql.ManifestByTag, new { Name = repository.Value, Tag = tag.Value }));
        return ValueTask.FromResult(row?.ToRecord());
    }

    public ValueTask<PutManifestResult> CheckDependenciesAsync(RepositoryName repository, IReadOnlyList<ManifestDependency> dependencies, CancellationToken ct)
    {
        if (dependencies.Count == 0)
        {
            return ValueTask.FromResult(PutManifestResult.Stored(null));
        }

        PutManifestResult result = Read(c =>
        {
            long? repositoryId = RepositoryId(c, repository.Value);
            return repositoryId is null
                ? PutManifestResult.Missing(dependencies[0])
                : CheckDependencies(c, null, repositoryId.Value, dependencies);
        });
        return ValueTask.FromResult(result);
    }

    public ValueTask<PutManifestResult> PutManifestAsync(RepositoryName repository, ManifestWrite manifest, TagName? tag, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync((c, tx) =>
        {
            // A repository that does not exist holds none of the dependencies: refuse before creating it.
            if (manifest.Dependencies.Count > 0 && !manifest.FromUpstream && RepositoryId(c, repository.Value, tx) is null)
            {
                return PutManifestResult.Missing(manifest.Dependencies[0]);
            }

            long repositoryId = EnsureRepository(c, tx, repository.Value, now);
            var rows = new SqliteRepositoryRows(c, tx, repository, repositoryId, now);
            bool exists = c.ExecuteScalar<long?>(SqliteSql.ManifestSizeById, new { RepositoryId = repositoryId, Digest = manifest.Digest.Value }, tx) is not null;
            if (!exists)
            {
                PutManifestResult check = manifest.FromUpstream ? PutManifestResult.Stored(null) : CheckDependencies(c, tx, repositoryId, manifest.Dependencies);
                if (check.Status != PutManifestStatus.Stored)
                {
                    return check;
                }

                if (SqliteRepositoryRows.Run(QuotaDemand.RefusalAsync(rows, repository.Namespace, manifest, ct)) is { } overQuota)
                {
                    return PutManifestResult.Exceeds(overQuota);
                }

                c.Execute(MetadataSql.InsertBlob, new { Digest = manifest.Digest.Value, manifest.Size, Now = now }, tx);
                c.Execute(SqliteSql.InsertManifest, WriteParameters.Manifest(repositoryId, manifest, now), tx);
                foreach (ManifestDependency dependency in manifest.Dependencies)
                {
                    c.Execute(SqliteSql.InsertReference, new
                    {
                        RepositoryId = repositoryId,
                        ManifestDigest = manifest.Digest.Value,
                        ChildDigest = dependency.Digest.Value,
                        Kind = (int)dependency.Kind,
                    }, tx);
                }

                Dequeue(c, tx, GcDigests.Of(manifest));
            }

            if (tag is null)
            {
                return PutManifestResult.Stored(null);
            }

            // The rules run in this transaction: a refused tag rolls back the manifest too.
            FloatingTagSettings floating = TagRules.MayFloat(tag.Value) ? FloatingSettings(c, tx, repository) : FloatingTagSettings.Off;
            return SqliteRepositoryRows.Run(TagRules.PointPushedTagAsync(rows, tag.Value, manifest.Digest.Value, manifest.Actor, floating, ct));
        }, ct, commitIf: result => result.Status == PutManifestStatus.Stored);
    }

    public ValueTask<DeleteResult> DeleteManifestAsync(RepositoryName repository, Digest digest, string? actor, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync((c, tx) =>
        {
            long? repositoryId = RepositoryId(c, repository.Value, tx);
            if (repositoryId is null)
            {
                return DeleteResult.NotFound;
            }

            var key = new { RepositoryId = repositoryId.Value, Digest = digest.Value };
            if (c.ExecuteScalar<long?>(SqliteSql.ManifestSizeById, key, tx) is null)
            {
                return DeleteResult.NotFound;
            }

            var rows = new SqliteRepositoryRows(c, tx, repository, repositoryId.Value, now);
            ManifestUntagging untagged = SqliteRepositoryRows.Run(TagRules.UntagManifestAsync(rows, digest.Value, actor, ct));
            if (untagged.Refused is not null)
            {
                return DeleteResult.Refused(untagged.Refused);
            }

            List<string> garbage = GcDigestsOfManifest(c, tx, repositoryId.Value, digest.Value);
            c.Execute(MetadataSql.DeleteReferences, key, tx);
            c.Execute(MetadataSql.DeleteManifest, key, tx);
            EnqueueUnreferenced(c, tx, garbage, now);   // what lost its last reference goes on the GC review queue
            if (untagged.Deleted > 0)
            {
                c.Execute(MetadataSql.BumpTagsVersion, new { RepositoryId = repositoryId.Value }, tx);
            }

            return DeleteResult.Deleted;
        }, ct);
    }

    public ValueTask<IReadOnlyList<ManifestRecord>> ListReferrersAsync(RepositoryName repository, Digest subject, string? artifactType, CancellationToken ct)
    {
        List<ManifestRow> rows = Read(c => artifactType is null
            ? c.Query<ManifestRow>(MetadataSql.Referrers, new { Name = repository.Value, Subject = subject.Value }).AsList()
            : c.Query<ManifestRow>(MetadataSql.ReferrersOfType, new { Name = repository.Value, Subject = subject.Value, ArtifactType = artifactType }).AsList());
        var records = new ManifestRecord[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            records[i] = rows[i].ToRecord();
        }

        return ValueTask.FromResult<IReadOnlyList<ManifestRecord>>(records);
    }

    private static PutManifestResult CheckDependencies(SqliteConnection c, SqliteTransaction? tx, long repositoryId, IReadOnlyList<ManifestDependency> dependencies)
    {
        foreach (ManifestDependency dependency in dependencies)
        {
            string sql = dependency.Kind == DependencyKind.Blob ? SqliteSql.RepositoryBlobById : SqliteSql.ManifestSizeById;
            long? size = c.ExecuteScalar<long?>(sql, new { RepositoryId = repositoryId, Digest = dependency.Digest.Value }, tx);
            if (size is null)
            {
                return PutManifestResult.Missing(dependency);
            }

            if (size.Value != dependency.Size)
            {
                return PutManifestResult.WrongSize(dependency);
            }
        }

        return PutManifestResult.Stored(null);
    }
}
