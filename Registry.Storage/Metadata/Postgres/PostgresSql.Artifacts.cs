namespace Registry.Storage.Metadata.Postgres;

internal static partial class PostgresSql
{
    /// <summary>The artifact statements in the Postgres dialect; the rest are shared in <see cref="ArtifactSql"/>.</summary>
    public static readonly ArtifactDialectSql Artifacts = new(postgres: true);
}
