namespace Registry.Storage.Metadata.Preheat;

/// <summary>The preheat statements SQLite and PostgreSQL share (standard SQL with <c>ON CONFLICT</c>).</summary>
internal static class PreheatSql
{
    private const string EdgeColumns = "name AS Name, url AS Url, remote_key AS RemoteKey, username AS Username, password AS Password, created_at AS CreatedAt, created_by AS CreatedBy";

    private const string RuleColumns = "name AS Name, repository AS Repository, tag_pattern AS TagPattern, edges AS Edges, created_at AS CreatedAt, created_by AS CreatedBy";

    public const string Edges = $"SELECT {EdgeColumns} FROM preheat_edges ORDER BY name";

    public const string Edge = $"SELECT {EdgeColumns} FROM preheat_edges WHERE name = @Name";

    public const string InsertEdge = """
        INSERT INTO preheat_edges (name, url, remote_key, username, password, created_at, created_by)
        VALUES (@Name, @Url, @RemoteKey, @Username, @Password, @CreatedAt, @CreatedBy) ON CONFLICT (name) DO NOTHING
        """;

    public const string UpdateEdge = "UPDATE preheat_edges SET url = @Url, remote_key = @RemoteKey, username = @Username, password = @Password WHERE name = @Name";

    public const string DeleteEdge = "DELETE FROM preheat_edges WHERE name = @Name";

    public const string Rules = $"SELECT {RuleColumns} FROM preheat_rules ORDER BY name";

    public const string InsertRule = """
        INSERT INTO preheat_rules (name, repository, tag_pattern, edges, created_at, created_by)
        VALUES (@Name, @Repository, @TagPattern, @Edges, @CreatedAt, @CreatedBy) ON CONFLICT (name) DO NOTHING
        """;

    public const string DeleteRule = "DELETE FROM preheat_rules WHERE name = @Name";
}
