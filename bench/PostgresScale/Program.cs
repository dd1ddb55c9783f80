using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.PostgresScale;
using Registry.Storage.Metadata.Postgres;

// Fills a fresh database (created beside the one the connection string names, dropped at the end unless --keep)
// with 100,000 tags in one repository and 10,000 more repositories, then times the store's listing paths and shows
// the plans of the page queries. Usage: Registry.PostgresScale "<Npgsql connection string>" [--keep]
// or Registry.PostgresScale "<Npgsql connection string>" --drop <database>
// (bench/PostgresScale/run.sh starts a throwaway server and passes its connection string).
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Registry.PostgresScale \"Host=...;Username=...;Database=...\" [--keep]");
    return 2;
}

var admin = new NpgsqlConnectionStringBuilder(args[0]) { Pooling = false };
if (args.Length == 3 && args[1] == "--drop")
{
    // run.sh drops a database it kept (--keep) for the HTTP timings once the registry serving it has stopped.
    await using var connection = new NpgsqlConnection(admin.ConnectionString);
    await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{args[2].Replace("\"", "\"\"")}\" WITH (FORCE)");
    return 0;
}

string database = $"registry_scale_{TimeProvider.System.GetUtcNow():yyyyMMddHHmmss}";
await using (var connection = new NpgsqlConnection(admin.ConnectionString))
{
    await connection.ExecuteAsync($"CREATE DATABASE \"{database}\"");
}

var target = new NpgsqlConnectionStringBuilder(args[0]) { Database = database };
try
{
    await using var factory = new PostgresConnectionFactory(Options.Create(new PostgresMetadataOptions { ConnectionString = target.ConnectionString }));
    var store = new PostgresMetadataStore(factory, TimeProvider.System);
    await store.MigrateAsync(CancellationToken.None);

    Console.WriteLine($"database {database} on {target.Host}:{target.Port}, PostgreSQL {await ScaleData.ServerVersionAsync(target.ConnectionString)}");
    ScaleData data = await ScaleData.LoadAsync(target.ConnectionString, tags: 100_000, repositories: 10_000);
    await new ScaleTimings(store, data).RunAsync();
    await QueryPlans.ShowAsync(target.ConnectionString, data);
}
finally
{
    NpgsqlConnection.ClearAllPools();
    if (!args.Contains("--keep"))
    {
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }
}

return 0;
