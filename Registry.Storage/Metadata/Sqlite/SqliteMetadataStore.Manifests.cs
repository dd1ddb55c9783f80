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
            if (manifest.Dependencies.Count > 0 && RepositoryId(c, repository.Value, tx) is null)
            {
                return PutManifestResult.Missing(manifest.Dependencies[0]);
            }

            long repositoryId = EnsureRepository(c, tx, repository.Value, now);
            bool exists = c.ExecuteScalar<long?>(SqliteSql.ManifestSizeById, new { RepositoryId = repositoryId, Digest = manifest.Digest.Value }, tx) is not null;
            if (!exists)
            {
                PutManifestResult check = CheckDependencies(c, tx, repositoryId, manifest.Dependencies);
                if (check.Status != PutManifestStatus.Stored)
                {
                    return check;
                }

                if (QuotaRefusal(c, tx, repository, manifest) is { } overQuota)
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

            // The rules are read and the tag checked in this transaction: a refusal rolls back the manifest too.
            IReadOnlyList<TagProtectionRule> rules = ProtectionRulesFor(c, tx, repository);
            (string? previous, TagProtectionViolation? refused) = MoveTag(c, tx, repository, repositoryId, tag.Value, manifest.Digest.Value, now, manifest.Actor, restore: false, rules);
            return refused is not null
                ? PutManifestResult.Protected(refused)
                : FloatTags(c, tx, repository, repositoryId, tag.Value, manifest.Digest.Value, now, rules, PutManifestResult.Stored(previous));
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
            List<string> tags = c.Query<string>(MetadataSql.TagsOfManifest, key, tx).AsList();
            if (tags.Count > 0)
            {
                tags.Sort(StringComparer.Ordinal);
                IReadOnlyList<TagProtectionRule> rules = ProtectionRulesFor(c, tx, repository);
                foreach (string tag in tags)
                {
                    if (TagProtection.CheckDelete(rules, repository, tag) is { } refused)
                    {
                        return DeleteResult.Refused(refused);
                    }
                }
            }

            foreach (string tag in tags)
            {
                RecordTagChange(c, tx, repositoryId.Value, tag, digest.Value, null, now, actor, TagChangeKind.Deleted);
            }

            if (tags.Count > 0)
            {
                c.Execute(MetadataSql.BumpTagsVersion, new { RepositoryId = repositoryId.Value }, tx);
            }

            List<string> garbage = GcDigestsOfManifest(c, tx, repositoryId.Value, digest.Value);
            c.Execute(SqliteSql.DeleteTagsOfManifest, key, tx);
            c.Execute(MetadataSql.DeleteReferences, key, tx);
            if (c.Execute(MetadataSql.DeleteManifest, key, tx) == 0)
            {
                return DeleteResult.NotFound;
            }

            EnqueueUnreferenced(c, tx, garbage, now);   // what lost its last reference goes on the GC review queue
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
