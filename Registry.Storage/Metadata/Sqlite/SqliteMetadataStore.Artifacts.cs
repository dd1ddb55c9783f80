using Microsoft.Data.Sqlite;
using static Registry.Storage.Metadata.Artifacts.ArtifactRows;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore : IArtifactStore
{
    public async ValueTask<bool> CreateArtifactRepositoryAsync(ArtifactRepository repository, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(ArtifactSql.InsertRepository, NewRepository(repository), tx), ct) == 1;

    public ValueTask<ArtifactRepository?> GetArtifactRepositoryAsync(string key, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<RepositoryRow>(ArtifactSql.Repository, new { Key = key }))?.ToRepository());

    public ValueTask<IReadOnlyList<ArtifactRepository>> ListArtifactRepositoriesAsync(CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<ArtifactRepository>>(Read(c => c.Query<RepositoryRow>(ArtifactSql.Repositories).Select(r => r.ToRepository()).ToList()));

    public async ValueTask<bool> UpdateArtifactRepositoryAsync(ArtifactRepository changed, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(ArtifactSql.UpdateRepository, ChangedRepository(changed), tx), ct) == 1;

    public async ValueTask<ArtifactDeletion?> DeleteArtifactRepositoryAsync(string key, CancellationToken ct)
    {
        long now = NowMs();
        return await WriteAsync((c, tx) =>
        {
            c.Execute(ArtifactSql.DeleteRepositoryProperties, new { Key = key }, tx);
            c.Execute(ArtifactSql.DeleteRepositoryRetention, new { Key = key }, tx);
            c.Execute(ArtifactRetentionSql.DeleteRepositoryRuns, new { Key = key }, tx);
            List<string> digests = c.Query<string>(ArtifactSql.DeleteRepositoryFiles, new { Key = key }, tx).AsList();
            return c.Execute(ArtifactSql.DeleteRepository, new { Key = key }, tx) == 1 ? Unreference(c, tx, digests.Count, digests, now) : null;
        }, ct);
    }

    public async ValueTask<ArtifactPutStatus> PutFileAsync(ArtifactFileWrite write, bool allowOverwrite, CancellationToken ct)
    {
        long now = NowMs();
        return await WriteAsync((c, tx) =>
        {
            if (c.QuerySingleOrDefault<RepositoryRow>(ArtifactSql.Repository, new { Key = write.Repository }, tx) is null)
            {
                return ArtifactPutStatus.RepositoryUnknown;
            }

            if (c.ExecuteScalar<bool>(ArtifactSql.FolderExists, Target(write.Repository, write.Path), tx)
                || c.ExecuteScalar<bool>(SqliteSql.Artifacts.AncestorIsFile, new { write.Repository, Ancestors = Ancestors(write.Path) }, tx))
            {
                return ArtifactPutStatus.PathConflict;
            }

            string digest = write.Content.Digest.Value;
            if (c.ExecuteScalar<bool>(GcSql.IsDeleting, new { Digest = digest }, tx))
            {
                return ArtifactPutStatus.ContentDeleting;
            }

            string? previous = c.ExecuteScalar<string?>(ArtifactSql.FileDigest, new { write.Repository, write.Path }, tx);
            object file = NewFile(write, now);
            c.Execute(ArtifactSql.InsertBlob, file, tx);
            bool existed = c.Execute(ArtifactSql.InsertFile, file, tx) == 0;
            if (existed)
            {
                if (!allowOverwrite)
                {
                    return ArtifactPutStatus.Exists;
                }

                c.Execute(ArtifactSql.ReplaceFile, file, tx);
            }

            Dequeue(c, tx, [digest]);
            if (previous is not null && previous != digest)
            {
                Unreference(c, tx, 0, [previous], now);   // a redeploy with new content: the old one may be garbage now
            }

            if (write.Properties is { } properties)
            {
                c.Execute(ArtifactSql.DeleteFileProperties, new { write.Repository, write.Path }, tx);
                foreach (ArtifactProperty property in properties)
                {
                    c.Execute(ArtifactSql.InsertProperty, new { write.Repository, write.Path, property.Name, property.Value }, tx);
                }
            }

            return Outcome(existed);
        }, ct, status => status is ArtifactPutStatus.Created or ArtifactPutStatus.Replaced);
    }

    public ValueTask<ArtifactFile?> GetFileAsync(string repository, string path, CancellationToken ct)
        => ValueTask.FromResult(Read(c =>
        {
            var key = new { Repository = repository, Path = path };
            FileRow? row = c.QuerySingleOrDefault<FileRow>(ArtifactSql.File, key);
            return row is null ? null : AttachProperties([row], c.Query<PropertyRow>(ArtifactSql.FileProperties, key))[0];
        }));

    public ValueTask<IReadOnlyList<ArtifactFile>> ListFilesAsync(string repository, string folder, CancellationToken ct)
        => ValueTask.FromResult(Read(c =>
        {
            object target = Target(repository, folder);
            return AttachProperties(c.Query<FileRow>(ArtifactSql.FilesUnder, target), c.Query<PropertyRow>(ArtifactSql.PropertiesUnder, target));
        }));

    public ValueTask<bool> FolderExistsAsync(string repository, string folder, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.ExecuteScalar<bool>(ArtifactSql.FolderExists, Target(repository, folder))));

    public async ValueTask<ArtifactDeletion> DeletePathAsync(string repository, string path, CancellationToken ct)
    {
        long now = NowMs();
        return await WriteAsync((c, tx) =>
        {
            object target = Target(repository, path);
            c.Execute(ArtifactSql.DeleteTargetProperties, target, tx);
            List<string> digests = c.Query<string>(ArtifactSql.DeleteTargetFiles, target, tx).AsList();
            return Unreference(c, tx, digests.Count, digests, now);
        }, ct);
    }

    public async ValueTask<int> SetPropertiesAsync(string repository, string path, IReadOnlyList<ArtifactProperty> properties, CancellationToken ct)
        => await WriteAsync((c, tx) =>
        {
            object target = Target(repository, path);
            foreach (string name in properties.Select(p => p.Name).Distinct(StringComparer.Ordinal))
            {
                c.Execute(ArtifactSql.DeleteTargetProperty, WithName(target, name), tx);
            }

            foreach (ArtifactProperty property in properties)
            {
                c.Execute(ArtifactSql.SetTargetProperty, WithName(target, property.Name, property.Value), tx);
            }

            return c.ExecuteScalar<int>(ArtifactSql.CountTargetFiles, target, tx);
        }, ct);

    public async ValueTask<int> DeletePropertiesAsync(string repository, string path, IReadOnlyList<string> names, CancellationToken ct)
        => await WriteAsync((c, tx) =>
        {
            DynamicParameters target = WithNames(Target(repository, path), names);
            int files = c.ExecuteScalar<int>(SqliteSql.Artifacts.CountWithProperties, target, tx);
            c.Execute(SqliteSql.Artifacts.DeleteNamedProperties, target, tx);
            return files;
        }, ct);

    public ValueTask<ArtifactChecksums?> FindContentAsync(ChecksumKind kind, string value, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<ContentRow>(ArtifactSql.Content(kind), new { Value = StoredChecksum(kind, value) }))?.ToChecksums());

    public ValueTask<IReadOnlyList<ArtifactFile>> SearchByChecksumAsync(ChecksumKind kind, string value, IReadOnlyList<string>? repositories, int limit, CancellationToken ct)
        => Search(SqliteSql.Artifacts.ByChecksum(kind, repositories is not null), new { Value = StoredChecksum(kind, value), Repositories = repositories?.ToArray(), Limit = limit });

    public ValueTask<IReadOnlyList<ArtifactFile>> SearchByNameAsync(NamePattern pattern, IReadOnlyList<string>? repositories, int limit, CancellationToken ct)
        => Search(SqliteSql.Artifacts.ByName(repositories is not null), new { Pattern = pattern.ToLike(), Repositories = repositories?.ToArray(), Limit = limit });

    public ValueTask<IReadOnlyList<ArtifactFile>> SearchByPropertiesAsync(IReadOnlyList<PropertyFilter> filters, IReadOnlyList<string>? repositories, int limit, CancellationToken ct)
        => Search(SqliteSql.Artifacts.ByProperties(filters, repositories is not null), ArtifactSql.PropertyParameters(filters, repositories, limit));

    public ValueTask<ArtifactRetentionPolicy?> GetRetentionPolicyAsync(string repository, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<ArtifactRetentionRow>(ArtifactSql.RetentionPolicy, new { Key = repository }))?.ToPolicy());

    public async ValueTask<bool> SetRetentionPolicyAsync(string repository, ArtifactRetentionPolicy policy, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(ArtifactSql.UpsertRetentionPolicy, ArtifactRetentionRow.Parameters(repository, policy), tx), ct) == 1;

    public async ValueTask<bool> RemoveRetentionPolicyAsync(string repository, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(ArtifactSql.DeleteRepositoryRetention, new { Key = repository }, tx), ct) == 1;

    public ValueTask<bool> IsBlobReferencedAsync(Digest digest, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.ExecuteScalar<bool>(ArtifactSql.BlobReferenced, new { Digest = digest.Value })));

    private ValueTask<IReadOnlyList<ArtifactFile>> Search(string sql, object parameters)
        => ValueTask.FromResult<IReadOnlyList<ArtifactFile>>(Read(c => c.Query<FileRow>(sql, parameters).Select(r => r.ToFile()).ToList()));
}
