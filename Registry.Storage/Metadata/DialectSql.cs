namespace Registry.Storage.Metadata;

/// <summary>
/// The few phrases SQLite and PostgreSQL write differently inside statements that are otherwise written once
/// (<c>pg</c> picks PostgreSQL's).
/// </summary>
internal static class DialectSql
{
    /// <summary>Membership in a list parameter: Dapper expands <c>IN @X</c> for SQLite; Npgsql takes the array whole.</summary>
    public static string In(bool pg, string parameter) => pg ? $"= ANY (@{parameter})" : $"IN @{parameter}";

    /// <summary>
    /// Matching a tag glob: SQLite's <c>GLOB</c>; PostgreSQL gets the glob translated to a <c>LIKE</c> pattern (names
    /// are <c>COLLATE "C"</c>, so <c>LIKE</c> is case-sensitive and ordinal, as <c>GLOB</c>).
    /// </summary>
    public static string Glob(bool pg) => pg ? "LIKE" : "GLOB";
}
