namespace Registry.Storage.Metadata;

/// <summary>The overview statements that differ between SQLite and PostgreSQL (<see cref="OverviewSql"/>), bound to one dialect.</summary>
internal sealed class OverviewDialectSql(bool postgres)
{
    public string SearchRepositories { get; } = OverviewSql.SearchRepositories(postgres);

    public string SearchRepositoriesBefore { get; } = OverviewSql.SearchRepositoriesBefore(postgres);

    public string CountRepositories { get; } = OverviewSql.CountRepositories(postgres);

    public string TagEntries { get; } = OverviewSql.TagEntries(postgres);
}
