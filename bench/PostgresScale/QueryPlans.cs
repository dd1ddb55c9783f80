using Dapper;
using Npgsql;
using Registry.Storage.Metadata;
using Registry.Storage.Metadata.Postgres;

namespace Registry.PostgresScale;

/// <summary>Prints <c>EXPLAIN ANALYZE</c> of the store's own page statements, with the bench's parameters bound.</summary>
internal static class QueryPlans
{
    public static async Task ShowAsync(string connectionString, ScaleData data)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        string middle = data.SortedTags[data.SortedTags.Length / 2];
        await ShowAsync(connection, "tags/list page (MetadataSql.TagPage)", MetadataSql.TagPage,
            new { RepositoryId = data.RepositoryId, Last = middle, Limit = (int?)101 });
        await ShowAsync(connection, "catalog page (MetadataSql.RepositoryPage)", MetadataSql.RepositoryPage,
            new { Last = "team50/", Limit = (int?)101 });
    }

    private static async Task ShowAsync(NpgsqlConnection connection, string title, string sql, object parameters)
    {
        List<string> plan = (await connection.QueryAsync<string>("EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters)).AsList();
        bool indexed = plan.Exists(line => line.Contains("Index", StringComparison.Ordinal)) && !plan.Exists(line => line.Contains("Seq Scan", StringComparison.Ordinal));
        bool sorted = plan.Exists(line => line.TrimStart(' ', '-', '>').StartsWith("Sort", StringComparison.Ordinal));
        Console.WriteLine();
        Console.WriteLine($"EXPLAIN ANALYZE {title}: {(indexed ? "index scan" : "NOT an index scan")}, {(sorted ? "with a sort step" : "no sort step")}");
        Console.WriteLine("  " + sql.ReplaceLineEndings(" ").Trim());
        foreach (string line in plan)
        {
            Console.WriteLine("  " + line);
        }
    }
}
