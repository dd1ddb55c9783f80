namespace Registry.Storage.Metadata.Postgres;

internal static partial class PostgresSql
{
    /// <summary>The overview statements in the PostgreSQL dialect; the rest are shared in <see cref="OverviewSql"/>.</summary>
    public static readonly OverviewDialectSql Overview = new(postgres: true);
}
