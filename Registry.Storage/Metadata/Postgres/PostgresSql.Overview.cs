namespace Registry.Storage.Metadata.Postgres;

/// <summary>The statements of the overview store (counts, latest tag changes, repository search).</summary>
internal static partial class PostgresSql
{
    public const string RegistryCounts = """
        SELECT (SELECT COUNT(*) FROM repositories) AS Repositories, (SELECT COUNT(*) FROM tags) AS Tags,
               (SELECT COUNT(*) FROM manifests) AS Manifests
        """;

    public const string RecentTagChanges = """
        SELECT r.name AS repository, h.id, h.tag, h.old_digest, h.new_digest, h.actor, h.changed_at, h.kind FROM tag_history h JOIN repositories r ON r.id = h.repository_id
        ORDER BY h.id DESC LIMIT @Limit
        """;

    public const string SearchRepositories = """
        SELECT r.name AS Name,
               (SELECT COUNT(*) FROM tags t WHERE t.repository_id = r.id) AS Tags,
               (SELECT MAX(t.updated_at) FROM tags t WHERE t.repository_id = r.id) AS LastPushedAt
        FROM repositories r
        WHERE r.name > @After
          AND (@Ns::text IS NULL OR r.name = @Ns OR (r.name >= @Prefix AND r.name < @Upper))
          AND (@Contains::text IS NULL OR strpos(r.name, @Contains) > 0)
        ORDER BY r.name LIMIT @Limit
        """;

    public const string TagEntries = $"""
        SELECT r.name AS "Repository", t.name AS "Tag", {CatalogColumns}
        FROM repositories r
        JOIN tags t ON t.repository_id = r.id
        {CatalogJoins}
        WHERE r.name = @Repository AND t.name = ANY(@Tags)
        """;
}
