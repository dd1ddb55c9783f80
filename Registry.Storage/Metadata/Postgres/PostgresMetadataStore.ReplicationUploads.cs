using Registry.Core.Replication;
using Registry.Storage.Metadata.Replication;

namespace Registry.Storage.Metadata.Postgres;

/// <summary>Unfinished replication uploads.</summary>
internal sealed partial class PostgresMetadataStore : IReplicationUploadStore
{
    public async ValueTask<ReplicationUpload?> GetReplicationUploadAsync(string rule, string repository, string digest, CancellationToken ct)
        => HasNul(rule) || HasNul(repository) || HasNul(digest) ? null
            : (await ReadAsync(c => c.QuerySingleOrDefaultAsync<ReplicationUploadRow>(
                Command(ReplicationUploadSql.Upload, new { Rule = rule, Repository = repository, Digest = digest }, null, ct)), ct))?.ToRecord();

    public async ValueTask SaveReplicationUploadAsync(ReplicationUpload upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ReplicationUploadRow row = ReplicationUploadRow.From(upload);
        await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(ReplicationUploadSql.Save, row, tx, ct)), ct);
    }

    public async ValueTask<bool> DeleteReplicationUploadAsync(string rule, string repository, string digest, CancellationToken ct)
        => !HasNul(rule) && !HasNul(repository) && !HasNul(digest) && await WriteAsync(async (c, tx) =>
            await c.ExecuteAsync(Command(ReplicationUploadSql.Delete, new { Rule = rule, Repository = repository, Digest = digest }, tx, ct)) > 0, ct);

    public async ValueTask<IReadOnlyList<ReplicationUpload>> ListReplicationUploadsAsync(string rule, CancellationToken ct)
        => HasNul(rule) ? []
            : (await ReadAsync(c => c.QueryAsync<ReplicationUploadRow>(Command(ReplicationUploadSql.Uploads, new { Rule = rule }, null, ct)), ct)).Select(r => r.ToRecord()).ToList();
}
