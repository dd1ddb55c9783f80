using Microsoft.Data.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Hosting;

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task MigrateCommand_AppliesSchemaAndExits_ThenRegistryStartsWithoutMigrating()
    {
        using TempDirectory data = TempDirectory.Create("registry-migrate-");
        string dll = Path.Combine(AppContext.BaseDirectory, "Registry.Api.dll");
        var options = ProcessRunOptions.Default with
        {
            Environment = new Dictionary<string, string?> { ["Registry__Storage__Path"] = data.Path },
        };

        ProcessResult first = await ProcessRunner.RunAsync("dotnet", [dll, "migrate"], options);
        ProcessResult second = await ProcessRunner.RunAsync("dotnet", [dll, "migrate"], options);

        first.EnsureSuccess();
        second.EnsureSuccess();
        Assert.Contains("up to date", first.StandardOutput);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "registry.db")};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM schema_migrations";
            Assert.True((long)command.ExecuteScalar()! >= 1);
        }

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
