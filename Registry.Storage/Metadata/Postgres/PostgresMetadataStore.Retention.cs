using System.Data;
using Npgsql;

namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore : IRetentionStore
{
    public async ValueTask<RetentionPolicyWrite> CreatePolicyAsync(RetentionPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        RetentionPolicy stored = policy with { UpdatedBy = policy.CreatedBy, UpdatedAt = policy.CreatedAt, LastScheduledAt = null };
        long? id = await WriteAsync(async (c, tx) => await c.ExecuteScalarAsync<long?>(Command(RetentionSql.InsertPolicy, RetentionPolicyRow.Parameters(stored), tx, ct)), ct);
        return id is null
            ? new RetentionPolicyWrite(RetentionPolicyWriteStatus.NameTaken, null)
            : new RetentionPolicyWrite(RetentionPolicyWriteStatus.Written, stored with { Id = id.Value });
    }

    public async ValueTask<RetentionPolicyWrite> UpdatePolicyAsync(RetentionPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        RetentionPolicyWriteStatus status;
        try
        {
            status = await WriteAsync(async (c, tx) =>
            {
                if (await c.ExecuteScalarAsync<int?>(Command(RetentionSql.PolicyExists, new { policy.Id }, tx, ct)) is null)
                {
                    return RetentionPolicyWriteStatus.NotFound;
                }

                if (await c.ExecuteScalarAsync<int?>(Command(RetentionSql.PolicyNameTaken, new { policy.Name, policy.Id }, tx, ct)) is not null)
                {
                    return RetentionPolicyWriteStatus.NameTaken;
                }

                return await c.ExecuteAsync(Command(RetentionSql.UpdatePolicy, RetentionPolicyRow.Parameters(policy), tx, ct)) > 0
                    ? RetentionPolicyWriteStatus.Written
                    : RetentionPolicyWriteStatus.NotFound;
            }, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            status = RetentionPolicyWriteStatus.NameTaken;   // another node took the name between the check and the update
        }

        return new RetentionPolicyWrite(status, status == RetentionPolicyWriteStatus.Written ? policy : null);
    }

    public ValueTask<RetentionPolicy?> GetPolicyAsync(long id, CancellationToken ct)
        => ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<RetentionPolicyRow>(Command(RetentionSql.PolicyById, new { Id = id }, null, ct)))?.ToRecord(), ct);

    public ValueTask<RetentionPolicy?> GetPolicyByNameAsync(string name, CancellationToken ct)
        => ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<RetentionPolicyRow>(Command(RetentionSql.PolicyByName, new { Name = name }, null, ct)))?.ToRecord(), ct);

    public ValueTask<IReadOnlyList<RetentionPolicy>> ListPoliciesAsync(CancellationToken ct)
        => ReadAsync<IReadOnlyList<RetentionPolicy>>(async c =>
            (await c.QueryAsync<RetentionPolicyRow>(Command(RetentionSql.Policies, null, null, ct))).Select(r => r.ToRecord()).ToList(), ct);

    public async ValueTask<bool> DeletePolicyAsync(long id, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(RetentionSql.DeletePolicy, new { Id = id }, tx, ct)), ct) > 0;

    public async ValueTask<bool> ClaimScheduledRunAsync(long id, DateTimeOffset? previous, DateTimeOffset at, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(RetentionSql.ClaimScheduledRun,
            new { Id = id, Previous = previous?.ToUnixTimeMilliseconds(), At = at.ToUnixTimeMilliseconds() }, tx, ct)), ct) > 0;

    public ValueTask<RetentionSnapshot?> GetRetentionSnapshotAsync(RepositoryName repository, CancellationToken ct)
        => ReadAsync(async c =>
        {
            // One REPEATABLE READ transaction: tags, manifests and references from the same snapshot.
            await using NpgsqlTransaction tx = await c.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            long? id = await RepositoryIdAsync(c, repository.Value, tx, ct);
            if (id is null)
            {
                return null;
            }

            var key = new { RepositoryId = id.Value };
            RetentionSnapshot snapshot = SnapshotRows.ToSnapshot(
                await c.QueryAsync<SnapshotTagRow>(Command(RetentionSql.SnapshotTags, key, tx, ct)),
                await c.QueryAsync<SnapshotManifestRow>(Command(RetentionSql.SnapshotManifests, key, tx, ct)),
                await c.QueryAsync<(string, string)>(Command(RetentionSql.SnapshotChildren, key, tx, ct)));
            await tx.CommitAsync(ct);
            return (RetentionSnapshot?)snapshot;
        }, ct);

    public async ValueTask<IReadOnlyList<FreedBlob>> ListFreedBlobsAsync(IReadOnlyCollection<ManifestKey> deleted, CancellationToken ct)
        => deleted.Count == 0
            ? []
            : await ReadAsync<IReadOnlyList<FreedBlob>>(async c => (await c.QueryAsync<FreedBlob>(Command(PostgresSql.FreedBlobs, new
            {
                Repositories = deleted.Select(k => k.Repository.Value).ToArray(),
                Digests = deleted.Select(k => k.Digest.Value).ToArray(),
            }, null, ct))).AsList(), ct);

    public async ValueTask<IReadOnlySet<string>> ListBlobsInUseAsync(IReadOnlyCollection<string> digests, CancellationToken ct)
        => digests.Count == 0
            ? new HashSet<string>()
            : await ReadAsync(async c => (await c.QueryAsync<string>(Command(PostgresSql.BlobsInUse, new { Digests = digests.ToArray() }, null, ct)))
                .ToHashSet(StringComparer.Ordinal), ct);

    public async ValueTask<RetentionRun> AddRunAsync(RetentionRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        long id = await WriteAsync(async (c, tx) => await c.ExecuteScalarAsync<long>(Command(RetentionSql.InsertRun, RetentionRunRow.Parameters(run), tx, ct)), ct);
        return RetentionRunRow.Stored(run, id);
    }

    public ValueTask<IReadOnlyList<RetentionRun>> ListRunsAsync(long? policyId, long? before, int limit, CancellationToken ct)
        => ReadAsync<IReadOnlyList<RetentionRun>>(async c =>
            (await c.QueryAsync<RetentionRunRow>(Command(RetentionSql.Runs, new { PolicyId = policyId, Before = before, Limit = limit }, null, ct)))
            .Select(r => r.ToRecord())
            .ToList(), ct);

    public ValueTask<IReadOnlyList<RetentionRun>> ListNewerRunsAsync(long? policyId, long after, int limit, CancellationToken ct)
        => ReadAsync<IReadOnlyList<RetentionRun>>(async c =>
            (await c.QueryAsync<RetentionRunRow>(Command(RetentionSql.NewerRuns, new { PolicyId = policyId, After = after, Limit = limit }, null, ct)))
            .Select(r => r.ToRecord())
            .Reverse()
            .ToList(), ct);

    public ValueTask<long> CountRunsAsync(long? policyId, CancellationToken ct)
        => ReadAsync(async c => await c.ExecuteScalarAsync<long>(Command(RetentionSql.CountRuns, new { PolicyId = policyId }, null, ct)), ct);

    public ValueTask<RetentionRun?> GetRunAsync(long id, CancellationToken ct)
        => ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<RetentionRunRow>(Command(RetentionSql.Run, new { Id = id }, null, ct)))?.ToRecord(), ct);
}
