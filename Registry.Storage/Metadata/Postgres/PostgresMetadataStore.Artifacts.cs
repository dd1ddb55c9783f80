using Npgsql;
using static Registry.Storage.Metadata.Artifacts.ArtifactRows;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>
/// Artifact repositories on PostgreSQL. A file write takes a key-share lock on its repository row, so a
/// concurrent repository delete waits for it (and then removes the file) instead of leaving an orphan row; two nodes
/// writing one path meet at the primary key (<c>ON CONFLICT</c>). Writes and deletes of files first take the
/// advisory locks of the digests involved (<see cref="PostgresSql.LockDigests"/>), as manifest pushes and deletes
/// do, so their garbage collection checks (deleting? still referenced?) are serialized with a pass's mark.
/// </summary>
internal sealed partial class PostgresMetadataStore : IArtifactStore
{
    private const string LockArtifactRepository = "SELECT key FROM artifact_repositories WHERE key = @Key FOR KEY SHARE";

    /// <summary>
    /// <see cref="ArtifactSql.ReplaceFile"/> returning the digest it replaced: the row as locked, so a file a concurrent
    /// first deploy of the path committed after this transaction read it is what gets queued.
    /// </summary>
    private const string ReplaceFileReturningOld = """
        UPDATE artifact_files f SET digest = @Digest, size = @Size, sha1 = @Sha1, md5 = @Md5, mime_type = @MimeType,
            modified_at = @Now, modified_by = @Actor
        FROM (SELECT repository, path, digest FROM artifact_files WHERE repository = @Repository AND path = @Path FOR UPDATE) old
        WHERE f.repository = old.repository AND f.path = old.path
        RETURNING old.digest
        """;

    public async ValueTask<bool> CreateArtifactRepositoryAsync(ArtifactRepository repository, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(ArtifactSql.InsertRepository, NewRepository(repository), tx, ct)), ct) == 1;

    public ValueTask<ArtifactRepository?> GetArtifactRepositoryAsync(string key, CancellationToken ct)
        => ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<RepositoryRow>(Command(ArtifactSql.Repository, new { Key = key }, null, ct)))?.ToRepository(), ct);

    public ValueTask<IReadOnlyList<ArtifactRepository>> ListArtifactRepositoriesAsync(CancellationToken ct)
        => ReadAsync<IReadOnlyList<ArtifactRepository>>(async c =>
            (await c.QueryAsync<RepositoryRow>(Command(ArtifactSql.Repositories, null, null, ct))).Select(r => r.ToRepository()).ToList(), ct);

    public async ValueTask<bool> UpdateArtifactRepositoryAsync(ArtifactRepository changed, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(ArtifactSql.UpdateRepository, ChangedRepository(changed), tx, ct)), ct) == 1;

    public async ValueTask<ArtifactDeletion?> DeleteArtifactRepositoryAsync(string key, CancellationToken ct)
    {
        long now = NowMs();
        return await WriteAsync(async (c, tx) =>
        {
            string[] locked = [.. await c.QueryAsync<string>(Command(ArtifactSql.RepositoryDigests, new { Key = key }, tx, ct))];
            await LockDigestsAsync(c, tx, locked, ct);
            await c.ExecuteAsync(Command(ArtifactSql.DeleteRepositoryProperties, new { Key = key }, tx, ct));
            await c.ExecuteAsync(Command(ArtifactSql.DeleteRepositoryRetention, new { Key = key }, tx, ct));
            await c.ExecuteAsync(Command(ArtifactRetentionSql.DeleteRepositoryRuns, new { Key = key }, tx, ct));
            string[] deleted = [.. await c.QueryAsync<string>(Command(ArtifactSql.DeleteRepositoryFiles, new { Key = key }, tx, ct))];
            return await c.ExecuteAsync(Command(ArtifactSql.DeleteRepository, new { Key = key }, tx, ct)) == 1
                ? await UnreferenceAsync(c, tx, deleted, locked, now, ct)
                : null;
        }, ct);
    }

    public async ValueTask<ArtifactPutStatus> PutFileAsync(ArtifactFileWrite write, bool allowOverwrite, CancellationToken ct)
    {
        long now = NowMs();
        return await WriteAsync(async (c, tx) =>
        {
            string digest = write.Content.Digest.Value;
            string? previous = await LockFileDigestsAsync(c, tx, write, ct);
            if (await c.ExecuteScalarAsync<string?>(Command(LockArtifactRepository, new { Key = write.Repository }, tx, ct)) is null)
            {
                return ArtifactPutStatus.RepositoryUnknown;
            }

            if (await c.ExecuteScalarAsync<bool>(Command(ArtifactSql.FolderExists, Target(write.Repository, write.Path), tx, ct))
                || await c.ExecuteScalarAsync<bool>(Command(PostgresSql.Artifacts.AncestorIsFile, new { write.Repository, Ancestors = Ancestors(write.Path) }, tx, ct)))
            {
                return ArtifactPutStatus.PathConflict;
            }

            if (await c.ExecuteScalarAsync<bool>(Command(GcSql.IsDeleting, new { Digest = digest }, tx, ct)))
            {
                return ArtifactPutStatus.ContentDeleting;
            }

            object file = NewFile(write, now);
            await c.ExecuteAsync(Command(ArtifactSql.InsertBlob, file, tx, ct));
            bool existed = await c.ExecuteAsync(Command(ArtifactSql.InsertFile, file, tx, ct)) == 0;
            if (existed)
            {
                if (!allowOverwrite)
                {
                    return ArtifactPutStatus.Exists;
                }

                string replaced = (await c.ExecuteScalarAsync<string>(Command(ReplaceFileReturningOld, file, tx, ct)))!;
                if (replaced != digest)
                {
                    // A redeploy with new content: the old one may be garbage now (locked unless a first deploy raced in).
                    await UnreferenceAsync(c, tx, [replaced], previous is null ? [] : [previous], now, ct);
                }
            }

            await DequeueAsync(c, tx, [digest], ct);

            if (write.Properties is { } properties)
            {
                await c.ExecuteAsync(Command(ArtifactSql.DeleteFileProperties, new { write.Repository, write.Path }, tx, ct));
                foreach (ArtifactProperty property in properties)
                {
                    await c.ExecuteAsync(Command(ArtifactSql.InsertProperty, new { write.Repository, write.Path, property.Name, property.Value }, tx, ct));
                }
            }

            return Outcome(existed);
        }, ct, status => status is ArtifactPutStatus.Created or ArtifactPutStatus.Replaced);
    }

    public ValueTask<ArtifactFile?> GetFileAsync(string repository, string path, CancellationToken ct)
        => ReadAsync(async c =>
        {
            var key = new { Repository = repository, Path = path };
            FileRow? row = await c.QuerySingleOrDefaultAsync<FileRow>(Command(ArtifactSql.File, key, null, ct));
            return row is null ? null : AttachProperties([row], await c.QueryAsync<PropertyRow>(Command(ArtifactSql.FileProperties, key, null, ct)))[0];
        }, ct);

    public ValueTask<IReadOnlyList<ArtifactFile>> ListFilesAsync(string repository, string folder, CancellationToken ct)
        => ReadAsync(async c =>
        {
            object target = Target(repository, folder);
            IEnumerable<FileRow> files = await c.QueryAsync<FileRow>(Command(ArtifactSql.FilesUnder, target, null, ct));
            return AttachProperties(files, await c.QueryAsync<PropertyRow>(Command(ArtifactSql.PropertiesUnder, target, null, ct)));
        }, ct);

    public ValueTask<bool> FolderExistsAsync(string repository, string folder, CancellationToken ct)
        => ReadAsync(c => c.ExecuteScalarAsync<bool>(Command(ArtifactSql.FolderExists, Target(repository, folder), null, ct)), ct);

    public async ValueTask<ArtifactDeletion> DeletePathAsync(string repository, string path, CancellationToken ct)
    {
        long now = NowMs();
        return await WriteAsync(async (c, tx) =>
        {
            object target = Target(repository, path);
            string[] locked = [.. await c.QueryAsync<string>(Command(ArtifactSql.TargetDigests, target, tx, ct))];
            await LockDigestsAsync(c, tx, locked, ct);
            await c.ExecuteAsync(Command(ArtifactSql.DeleteTargetProperties, target, tx, ct));
            string[] deleted = [.. await c.QueryAsync<string>(Command(ArtifactSql.DeleteTargetFiles, target, tx, ct))];
            return await UnreferenceAsync(c, tx, deleted, locked, now, ct);
        }, ct);
    }

    public async ValueTask<int> SetPropertiesAsync(string repository, string path, IReadOnlyList<ArtifactProperty> properties, CancellationToken ct)
        => await WriteAsync(async (c, tx) =>
        {
            object target = Target(repository, path);
            foreach (string name in properties.Select(p => p.Name).Distinct(StringComparer.Ordinal))
            {
                await c.ExecuteAsync(Command(ArtifactSql.DeleteTargetProperty, WithName(target, name), tx, ct));
            }

            foreach (ArtifactProperty property in properties)
            {
                await c.ExecuteAsync(Command(ArtifactSql.SetTargetProperty, WithName(target, property.Name, property.Value), tx, ct));
            }

            return (int)await c.ExecuteScalarAsync<long>(Command(ArtifactSql.CountTargetFiles, target, tx, ct));
        }, ct);

    public async ValueTask<int> DeletePropertiesAsync(string repository, string path, IReadOnlyList<string> names, CancellationToken ct)
        => await WriteAsync(async (c, tx) =>
        {
            DynamicParameters target = WithNames(Target(repository, path), names);
            long files = await c.ExecuteScalarAsync<long>(Command(PostgresSql.Artifacts.CountWithProperties, target, tx, ct));
            await c.ExecuteAsync(Command(PostgresSql.Artifacts.DeleteNamedProperties, target, tx, ct));
            return (int)files;
        }, ct);

    public ValueTask<ArtifactChecksums?> FindContentAsync(ChecksumKind kind, string value, CancellationToken ct)
        => ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<ContentRow>(Command(ArtifactSql.Content(kind), new { Value = StoredChecksum(kind, value) }, null, ct)))?.ToChecksums(), ct);

    public ValueTask<IReadOnlyList<ArtifactFile>> SearchByChecksumAsync(ChecksumKind kind, string value, IReadOnlyList<string>? repositories, int limit, CancellationToken ct)
        => SearchAsync(PostgresSql.Artifacts.ByChecksum(kind, repositories is not null), new { Value = StoredChecksum(kind, value), Repositories = repositories?.ToArray(), Limit = limit }, ct);

    public ValueTask<IReadOnlyList<ArtifactFile>> SearchByNameAsync(NamePattern pattern, IReadOnlyList<string>? repositories, int limit, CancellationToken ct)
        => SearchAsync(PostgresSql.Artifacts.ByName(repositories is not null), new { Pattern = pattern.ToLike(), Repositories = repositories?.ToArray(), Limit = limit }, ct);

    public ValueTask<IReadOnlyList<ArtifactFile>> SearchByPropertiesAsync(IReadOnlyList<PropertyFilter> filters, IReadOnlyList<string>? repositories, int limit, CancellationToken ct)
        => SearchAsync(PostgresSql.Artifacts.ByProperties(filters, repositories is not null), ArtifactSql.PropertyParameters(filters, repositories, limit), ct);

    public ValueTask<ArtifactRetentionPolicy?> GetRetentionPolicyAsync(string repository, CancellationToken ct)
        => ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<ArtifactRetentionRow>(Command(ArtifactSql.RetentionPolicy, new { Key = repository }, null, ct)))?.ToPolicy(), ct);

    public async ValueTask<bool> SetRetentionPolicyAsync(string repository, ArtifactRetentionPolicy policy, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(ArtifactSql.UpsertRetentionPolicy, ArtifactRetentionRow.Parameters(repository, policy), tx, ct)), ct) == 1;

    public async ValueTask<bool> RemoveRetentionPolicyAsync(string repository, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(ArtifactSql.DeleteRepositoryRetention, new { Key = repository }, tx, ct)), ct) == 1;

    public ValueTask<bool> IsBlobReferencedAsync(Digest digest, CancellationToken ct)
        => ReadAsync(c => c.ExecuteScalarAsync<bool>(Command(ArtifactSql.BlobReferenced, new { Digest = digest.Value }, null, ct)), ct);

    private ValueTask<IReadOnlyList<ArtifactFile>> SearchAsync(string sql, object parameters, CancellationToken ct)
        => ReadAsync<IReadOnlyList<ArtifactFile>>(async c => (await c.QueryAsync<FileRow>(Command(sql, parameters, null, ct))).Select(r => r.ToFile()).ToList(), ct);
}
