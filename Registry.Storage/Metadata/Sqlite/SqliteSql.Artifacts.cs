namespace Registry.Storage.Metadata.Sqlite;

internal static partial class SqliteSql
{
    /// <summary>The artifact statements in the Sqlite dialect; the rest are shared in <see cref="ArtifactSql"/>.</summary>
    public static readonly ArtifactDialectSql Artifacts = new(postgres: false);
}
