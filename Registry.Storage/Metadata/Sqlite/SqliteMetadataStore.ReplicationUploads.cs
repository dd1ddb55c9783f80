using Registry.Core.Replication;
using Registry.Storage.Metadata.Replication;

namespace Registry.Storage.Metadata.Sqlite;

/// <summary>Unfinished replication uploads.</summary>
internal sealed partial class SqliteMetadataStore : IReplicationUploadStore
{
    public ValueTask<ReplicationUpload?> GetReplicationUploadAsync(string rule, string repository, string digest, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<ReplicationUploadRow>(
            ReplicationUploadSql.Upload, new { Rule = rule, Repository = repository, Digest = digest }))?.ToRecord());

    public async ValueTask SaveReplicationUploadAsync(ReplicationUpload upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ReplicationUploadRow row = ReplicationUploadRow.From(upload);
        await WriteAsync((c, tx) => c.Execute(ReplicationUploadSql.Save, row, tx), ct);
    }

    public ValueTask<bool> DeleteReplicationUploadAsync(string rule, string repository, string digest, CancellationToken ct)
        => WriteAsync((c, tx) => c.Execute(ReplicationUploadSql.Delete, new { Rule = rule, Repository = repository, Digest = digest }, tx) > 0, ct);

    public ValueTask<IReadOnlyList<ReplicationUpload>> ListReplicationUploadsAsync(string rule, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<ReplicationUpload>>(Read(c => c.Query<ReplicationUploadRow>(ReplicationUploadSql.Uploads, new { Rule = rule }).Select(r => r.ToRecord()).ToList()));
}
