using Registry.Storage.Metadata.Catalog;

namespace Registry.Storage.Metadata;

/// <summary>
/// The statements of the overview store (counts, latest tag changes, repository search), written once for SQLite and
/// PostgreSQL; <c>pg</c> picks PostgreSQL's substring search and list membership.
/// </summary>
internal static class OverviewSql
{
    public const string RegistryCounts = """
        SELECT (SELECT COUNT(*) FROM repositories) AS Repositories, (SELECT COUNT(*) FROM tags) AS Tags,
               (SELECT COUNT(*) FROM manifests) AS Manifests
        """;

    /// <summary>The counts of <see cref="RegistryCounts"/> for the repositories named <c>@Ns</c> or in [<c>@Prefix</c>, <c>@Upper</c>).</summary>
    public const string ScopeCounts = """
        SELECT (SELECT COUNT(*) FROM repositories r WHERE r.name = @Ns OR (r.name >= @Prefix AND r.name < @Upper)) AS Repositories,
               (SELECT COUNT(*) FROM tags t JOIN repositories r ON r.id = t.repository_id
                WHERE r.name = @Ns OR (r.name >= @Prefix AND r.name < @Upper)) AS Tags,
               (SELECT COUNT(*) FROM manifests m JOIN repositories r ON r.id = m.repository_id
                WHERE r.name = @Ns OR (r.name >= @Prefix AND r.name < @Upper)) AS Manifests
        """;

    /// <summary>The parameters of <see cref="ScopeCounts"/>: a namespace's repositories, or exactly one repository.</summary>
    public static object ScopeParameters(Registry.Core.Access.AccessScope scope) => scope.Kind == Registry.Core.Access.ScopeKind.Namespace
        ? new { Ns = scope.Name, Prefix = scope.Name + "/", Upper = scope.Name + "0" }
        : new { Ns = scope.Name, Prefix = string.Empty, Upper = string.Empty };

    public const string RecentTagChanges = """
        SELECT r.name AS repository, h.id, h.tag, h.old_digest, h.new_digest, h.actor, h.changed_at, h.kind FROM tag_history h JOIN repositories r ON r.id = h.repository_id
        ORDER BY h.id DESC LIMIT @Limit
        """;

    /// <summary>Repositories after <c>@After</c>, in one namespace (<c>@Ns</c>) and containing <c>@Contains</c> when those are set.</summary>
    public static string SearchRepositories(bool pg) => $"""
        SELECT r.name AS Name,
               (SELECT COUNT(*) FROM tags t WHERE t.repository_id = r.id) AS Tags,
               (SELECT MAX(t.updated_at) FROM tags t WHERE t.repository_id = r.id) AS LastPushedAt
        FROM repositories r
        WHERE r.name > @After{RepositoryFilter(pg)}
        ORDER BY r.name LIMIT @Limit
        """;

    /// <summary>The last repositories before <c>@Before</c> under the filters of <see cref="SearchRepositories"/>, in name order.</summary>
    public static string SearchRepositoriesBefore(bool pg) => $"""
        SELECT * FROM (
            SELECT r.name AS Name,
                   (SELECT COUNT(*) FROM tags t WHERE t.repository_id = r.id) AS Tags,
                   (SELECT MAX(t.updated_at) FROM tags t WHERE t.repository_id = r.id) AS LastPushedAt
            FROM repositories r
            WHERE r.name < @Before{RepositoryFilter(pg)}
            ORDER BY r.name DESC LIMIT @Limit) earlier
        ORDER BY 1
        """;

    /// <summary>How many repositories the filters of <see cref="SearchRepositories"/> match.</summary>
    public static string CountRepositories(bool pg) => $"SELECT COUNT(*) FROM repositories r WHERE 1 = 1{RepositoryFilter(pg)}";

    private static string RepositoryFilter(bool pg) => $"""

          AND (CAST(@Ns AS text) IS NULL OR r.name = @Ns OR (r.name >= @Prefix AND r.name < @Upper))
          AND (CAST(@Contains AS text) IS NULL OR {(pg ? "strpos" : "instr")}(r.name, @Contains) > 0)
        """;

    /// <summary>The catalog entries of the repository's tags named in <c>@Tags</c>.</summary>
    public static string TagEntries(bool pg) => $"""
        SELECT r.name AS "Repository", t.name AS "Tag", {CatalogSql.Columns}
        FROM repositories r
        JOIN tags t ON t.repository_id = r.id
        {CatalogSql.Joins}
        WHERE r.name = @Repository AND t.name {DialectSql.In(pg, "Tags")}
        """;
}
