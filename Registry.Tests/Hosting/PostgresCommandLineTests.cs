using System.Net;
using Registry.Tests.Support;

namespace Registry.Tests.Hosting;

/// <summary><c>migrate</c> and <c>reset-admin-password</c> through the real process against PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCommandLineTests(PostgresServer server)
{
    [Fact]
    public async Task MigrateThenResetAdminPassword_OnPostgres_SaysWhatItApplied_AndTheServerAcceptsTheNewPassword()
    {
        using TempDirectory data = TempDirectory.Create("registry-pg-cli-");
        string connectionString = await server.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Registry__Storage__Path"] = data.Path,
            ["Registry__Metadata__Provider"] = "postgres",
            ["Registry__Metadata__ConnectionString"] = connectionString,
        };

        ProcessResult first = await CommandLineProcess.RunAsync(["migrate"], settings);
        ProcessResult second = await CommandLineProcess.RunAsync(["migrate"], settings);
        ProcessResult created = await CommandLineProcess.RunAsync(["reset-admin-password"], settings, "pg-password-3\n");
        ProcessResult reset = await CommandLineProcess.RunAsync(["reset-admin-password"], new Dictionary<string, string?>(settings) { ["Registry__Auth__AdminPassword"] = "pg-password-4" });

        Assert.True(first.Succeeded, first.Describe());
        Assert.StartsWith("applied 0001_initial ", first.StandardOutput.Trim());
        string total = first.StandardOutput.Trim()[(first.StandardOutput.Trim().LastIndexOf('(') + 1)..].Split(' ')[0];
        Assert.Equal($"up to date ({total} migrations applied before)", second.StandardOutput.Trim());
        Assert.True(created.Succeeded, created.Describe());
        Assert.Contains("created it with the global admin role", created.StandardOutput);
        Assert.True(reset.Succeeded, reset.Describe());
        Assert.Contains("Set a new password for 'admin'", reset.StandardOutput);

        await using RegistryProcess registry = await RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["Registry__Metadata__Provider"] = "postgres",
            ["Registry__Metadata__ConnectionString"] = connectionString,
            ["Registry__Auth__AdminPassword"] = "pg-password-4",
        });
        using HttpClient admin = registry.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/me")).StatusCode);
        using HttpClient oldPassword = registry.CreateClient("admin", "pg-password-3");
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldPassword.GetAsync("/api/v1/me")).StatusCode);
    }
}
