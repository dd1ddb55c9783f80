using Microsoft.Data.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Hosting;

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task MigrateCommand_AppliesSchemaAndSaysWhat_ThenUpToDate_ThenRegistryStartsWithoutMigrating()
    {
        using TempDirectory data = TempDirectory.Create("registry-migrate-");
        var options = ProcessRunOptions.Default with
        {
            Environment = new Dictionary<string, string?> { ["Registry__Storage__Path"] = data.Path },
        };

        ProcessResult first = await ProcessRunner.RunAsync("dotnet", [CommandLineProcess.Dll, "migrate"], options);
        ProcessResult second = await ProcessRunner.RunAsync("dotnet", [CommandLineProcess.Dll, "migrate"], options);

        first.EnsureSuccess();
        second.EnsureSuccess();
        long count;
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "registry.db")};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM schema_migrations";
            count = (long)command.ExecuteScalar()!;
        }

        Assert.True(count >= 15);
        Assert.StartsWith("applied 0001_initial 0002_tags_version ", first.StandardOutput.Trim());
        Assert.EndsWith($" ({count} migrations)", first.StandardOutput.Trim());
        Assert.Equal($"up to date ({count} migrations applied before)", second.StandardOutput.Trim());

        await using RegistryProcess registry = await RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["Registry__Metadata__MigrateOnStart"] = "false",
            ["Registry__Metadata__ConnectionString"] = $"Data Source={Path.Combine(data.Path, "registry.db")}",
        });
        using HttpClient client = registry.CreateClient();
        HttpResponseMessage catalog = await client.GetAsync("/v2/_catalog");
        Assert.Equal(System.Net.HttpStatusCode.OK, catalog.StatusCode);
    }
}
