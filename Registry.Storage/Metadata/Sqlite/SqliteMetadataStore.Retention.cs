using Microsoft.Data.Sqlite;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore : IRetentionStore
{
    public async ValueTask<RetentionPolicyWrite> CreatePolicyAsync(RetentionPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        RetentionPolicy stored = policy with { UpdatedBy = policy.CreatedBy, UpdatedAt = policy.CreatedAt, LastScheduledAt = null };
        long? id = await WriteAsync((c, tx) => c.ExecuteScalar<long?>(RetentionSql.InsertPolicy, RetentionPolicyRow.Parameters(stored), tx), ct);
        return id is null
            ? new RetentionPolicyWrite(RetentionPolicyWriteStatus.NameTaken, null)
            : new RetentionPolicyWrite(RetentionPolicyWriteStatus.Written, stored with { Id = id.Value });
    }

    public async ValueTask<RetentionPolicyWrite> UpdatePolicyAsync(RetentionPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        RetentionPolicyWriteStatus status = await WriteAsync((c, tx) =>
        {
            if (c.ExecuteScalar<long?>(RetentionSql.PolicyExists, new { policy.Id }, tx) is null)
            {
                return RetentionPolicyWriteStatus.NotFound;
            }

            if (c.ExecuteScalar<long?>(RetentionSql.PolicyNameTaken, new { policy.Name, policy.Id }, tx) is not null)
            {
                return RetentionPolicyWriteStatus.NameTaken;
            }

            return c.Execute(RetentionSql.UpdatePolicy, RetentionPolicyRow.Parameters(policy), tx) > 0
                ? RetentionPolicyWriteStatus.Written
                : RetentionPolicyWriteStatus.NotFound;
        }, ct);
        return new RetentionPolicyWrite(status, status == RetentionPolicyWriteStatus.Written ? policy : null);
    }

    public ValueTask<RetentionPolicy?> GetPolicyAsync(long id, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<RetentionPolicyRow>(RetentionSql.PolicyById, new { Id = id }))?.ToRecord());

    public ValueTask<RetentionPolicy?> GetPolicyByNameAsync(string name, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<RetentionPolicyRow>(RetentionSql.PolicyByName, new { Name = name }))?.ToRecord());

    public ValueTask<IReadOnlyList<RetentionPolicy>> ListPoliciesAsync(CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<RetentionPolicy>>(Read(c => c.Query<RetentionPolicyRow>(RetentionSql.Policies).Select(r => r.ToRecord()).ToList()));

    public async ValueTask<bool> DeletePolicyAsync(long id, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(RetentionSql.DeletePolicy, new { Id = id }, tx), ct) > 0;

    public async ValueTask<bool> ClaimScheduledRunAsync(long id, DateTimeOffset? previous, DateTimeOffset at, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(RetentionSql.ClaimScheduledRun,
            new { Id = id, Previous = previous?.ToUnixTimeMilliseconds(), At = at.ToUnixTimeMilliseconds() }, tx), ct) > 0;

    public ValueTask<RetentionSnapshot?> GetRetentionSnapshotAsync(RepositoryName repository, CancellationToken ct)
        => ValueTask.FromResult(Read(c =>
        {
            // One read transaction: tags, manifests and references from the same moment.
            using SqliteTransaction tx = c.BeginTransaction(deferred: true);
            long? id = RepositoryId(c, repository.Value, tx);
            if (id is null)
            {
                return null;
            }

            var key = new { RepositoryId = id.Value };
            return SnapshotRows.ToSnapshot(
                c.Query<SnapshotTagRow>(RetentionSql.SnapshotTags, key, tx),
                c.Query<SnapshotManifestRow>(RetentionSql.SnapshotManifests, key, tx),
                c.Query<(string, string)>(RetentionSql.SnapshotChildren, key, tx));
        }));

    public ValueTask<IReadOnlyList<FreedBlob>> ListFreedBlobsAsync(IReadOnlyCollection<ManifestKey> deleted, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<FreedBlob>>(deleted.Count == 0
            ? []
            : Read(c => c.Query<FreedBlob>(SqliteSql.FreedBlobs, new { Deleted = RetentionJson.Keys(deleted) }).AsList()));

    public ValueTask<IReadOnlySet<string>> ListBlobsInUseAsync(IReadOnlyCollection<string> digests, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlySet<string>>(digests.Count == 0
            ? new HashSet<string>()
            : Read(c => c.Query<string>(SqliteSql.BlobsInUse, new { Digests = RetentionJson.Digests(digests) }).ToHashSet(StringComparer.Ordinal)));

    public async ValueTask<RetentionRun> AddRunAsync(RetentionRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        long id = await WriteAsync((c, tx) => c.ExecuteScalar<long>(RetentionSql.InsertRun, RetentionRunRow.Parameters(run), tx), ct);
        return RetentionRunRow.Stored(run, id);
    }

    public ValueTask<IReadOnlyList<RetentionRun>> ListRunsAsync(long? policyId, long? before, int limit, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<RetentionRun>>(Read(c => c
            .Query<RetentionRunRow>(RetentionSql.Runs, new { PolicyId = policyId, Before = before, Limit = limit })
            .Select(r => r.ToRecord())
            .ToList()));

    public ValueTask<IReadOnlyList<RetentionRun>> ListNewerRunsAsync(long? policyId, long after, int limit, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<RetentionRun>>(Read(c => c
            .Query<RetentionRunRow>(RetentionSql.NewerRuns, new { PolicyId = policyId, After = after, Limit = limit })
            .Select(r => r.ToRecord())
            .Reverse()
            .ToList()));

    public ValueTask<long> CountRunsAsync(long? policyId, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.ExecuteScalar<long>(RetentionSql.CountRuns, new { PolicyId = policyId })));

    public ValueTask<RetentionRun?> GetRunAsync(long id, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<RetentionRunRow>(RetentionSql.Run, new { Id = id }))?.ToRecord());
}
