namespace Registry.Storage.Metadata.Sqlite;

internal static partial class SqliteSql
{
    /// <summary>The overview statements in the SQLite dialect; the rest are shared in <see cref="OverviewSql"/>.</summary>
    public static readonly OverviewDialectSql Overview = new(postgres: false);
}
