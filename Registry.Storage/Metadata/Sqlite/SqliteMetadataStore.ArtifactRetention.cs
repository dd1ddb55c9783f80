namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore : IArtifactRetentionStore
{
    public ValueTask<IReadOnlyList<ScheduledArtifactRetention>> ListScheduledRetentionAsync(CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<ScheduledArtifactRetention>>(Read(c => c
            .Query<ArtifactRetentionRow>(ArtifactRetentionSql.ScheduledPolicies)
            .Select(r => r.ToScheduled())
            .ToList()));

    public async ValueTask<bool> ClaimScheduledRetentionRunAsync(string repository, DateTimeOffset? previous, DateTimeOffset at, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(ArtifactRetentionSql.ClaimScheduled,
            new { Repository = repository, Previous = previous?.ToUnixTimeMilliseconds(), At = at.ToUnixTimeMilliseconds() }, tx), ct) > 0;

    public async ValueTask<ArtifactRetentionRun> AddRetentionRunAsync(ArtifactRetentionRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        long id = await WriteAsync((c, tx) => c.ExecuteScalar<long>(ArtifactRetentionSql.InsertRun, ArtifactRetentionRunRow.Parameters(run), tx), ct);
        return ArtifactRetentionRunRow.Stored(run, id);
    }

    public ValueTask<IReadOnlyList<ArtifactRetentionRun>> ListRetentionRunsAsync(string repository, long? before, int limit, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<ArtifactRetentionRun>>(Read(c => c
            .Query<ArtifactRetentionRunRow>(ArtifactRetentionSql.Runs, new { Repository = repository, Before = before, Limit = limit })
            .Select(r => r.ToRecord())
            .ToList()));

    public ValueTask<ArtifactRetentionRun?> GetRetentionRunAsync(string repository, long id, CancellationToken ct)
        => ValueTask.FromResult(Read(c => c.QuerySingleOrDefault<ArtifactRetentionRunRow>(ArtifactRetentionSql.Run, new { Repository = repository, Id = id }))?.ToRecord());
}
