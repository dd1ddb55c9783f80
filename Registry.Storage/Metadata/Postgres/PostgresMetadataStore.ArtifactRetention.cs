namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore : IArtifactRetentionStore
{
    public ValueTask<IReadOnlyList<ScheduledArtifactRetention>> ListScheduledRetentionAsync(CancellationToken ct)
        => ReadAsync<IReadOnlyList<ScheduledArtifactRetention>>(async c =>
            (await c.QueryAsync<ArtifactRetentionRow>(Command(ArtifactRetentionSql.ScheduledPolicies, null, null, ct)))
            .Select(r => r.ToScheduled())
            .ToList(), ct);

    public async ValueTask<bool> ClaimScheduledRetentionRunAsync(string repository, DateTimeOffset? previous, DateTimeOffset at, CancellationToken ct)
        => await WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(ArtifactRetentionSql.ClaimScheduled,
            new { Repository = repository, Previous = previous?.ToUnixTimeMilliseconds(), At = at.ToUnixTimeMilliseconds() }, tx, ct)), ct) > 0;

    public async ValueTask<ArtifactRetentionRun> AddRetentionRunAsync(ArtifactRetentionRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        long id = await WriteAsync(async (c, tx) => await c.ExecuteScalarAsync<long>(Command(ArtifactRetentionSql.InsertRun, ArtifactRetentionRunRow.Parameters(run), tx, ct)), ct);
        return ArtifactRetentionRunRow.Stored(run, id);
    }

    public ValueTask<IReadOnlyList<ArtifactRetentionRun>> ListRetentionRunsAsync(string repository, long? before, int limit, CancellationToken ct)
        => ReadAsync<IReadOnlyList<ArtifactRetentionRun>>(async c =>
            (await c.QueryAsync<ArtifactRetentionRunRow>(Command(ArtifactRetentionSql.Runs, new { Repository = repository, Before = before, Limit = limit }, null, ct)))
            .Select(r => r.ToRecord())
            .ToList(), ct);

    public ValueTask<ArtifactRetentionRun?> GetRetentionRunAsync(string repository, long id, CancellationToken ct)
        => ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<ArtifactRetentionRunRow>(
            Command(ArtifactRetentionSql.Run, new { Repository = repository, Id = id }, null, ct)))?.ToRecord(), ct);
}
