using System.Net;
using System.Text.Json;
using Registry.Tests.Support;

namespace Registry.Tests.Hosting;

/// <summary><c>dotnet Registry.Api.dll reset-admin-password</c> through the real process, on SQLite.</summary>
public sealed class ResetAdminPasswordCommandTests
{
    [Fact]
    public async Task ResetAdminPassword_FromStandardInput_ReplacesTheOldPassword_AndIsAudited()
    {
        using TempDirectory data = TempDirectory.Create("registry-reset-");
        Dictionary<string, string?> settings = Settings(data);
        await using (RegistryProcess first = await RegistryProcess.StartAsync(Server(settings, RegistryProcess.DefaultAdminPassword)))
        {
            using HttpClient admin = first.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/me")).StatusCode);
        }

        ProcessResult reset = await CommandLineProcess.RunAsync(["reset-admin-password"], settings, "stdin-password-1\n");

        Assert.Equal(0, reset.ExitCode);
        Assert.Contains("Set a new password for 'admin'", reset.StandardOutput);

        // The server's own Registry__Auth__AdminPassword does not change an existing admin: only the new password can start it.
        await using RegistryProcess registry = await RegistryProcess.StartAsync(Server(settings, "stdin-password-1"));
        using HttpClient oldPassword = registry.CreateClient("admin", RegistryProcess.DefaultAdminPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldPassword.GetAsync("/api/v1/me")).StatusCode);
        using HttpClient newPassword = registry.CreateClient("admin", "stdin-password-1");
        Assert.Equal(HttpStatusCode.OK, (await newPassword.GetAsync("/api/v1/me")).StatusCode);

        using JsonDocument audit = JsonDocument.Parse(await newPassword.GetStringAsync("/api/v1/audit?actor=system:cli"));
        JsonElement entry = Assert.Single(audit.RootElement.GetProperty("entries").EnumerateArray());
        Assert.Equal("user.password", entry.GetProperty("action").GetString());
        Assert.Equal("admin", entry.GetProperty("target").GetString());
        Assert.Equal("reset-admin-password", entry.GetProperty("detail").GetString());
        Assert.True(entry.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task ResetAdminPassword_FromEnvironment_WhenTheAccountIsMissing_CreatesItAsGlobalAdmin()
    {
        using TempDirectory data = TempDirectory.Create("registry-reset-");
        Dictionary<string, string?> settings = Settings(data);
        settings["Registry__Auth__AdminPassword"] = "env-password-2";

        ProcessResult reset = await CommandLineProcess.RunAsync(["reset-admin-password", "--user", "ops"], settings);

        Assert.Equal(0, reset.ExitCode);
        Assert.Contains("created it with the global admin role", reset.StandardOutput);
        await using RegistryProcess registry = await RegistryProcess.StartWithGeneratedAdminPasswordAsync(new Dictionary<string, string>
        {
            ["Registry__Metadata__ConnectionString"] = settings["Registry__Metadata__ConnectionString"]!,
        });
        using HttpClient ops = registry.CreateClient("ops", "env-password-2");
        using JsonDocument me = JsonDocument.Parse(await ops.GetStringAsync("/api/v1/me"));
        Assert.Equal("ops", me.RootElement.GetProperty("subject").GetString());
        Assert.True(me.RootElement.GetProperty("globalAdmin").GetBoolean());
        using JsonDocument audit = JsonDocument.Parse(await ops.GetStringAsync("/api/v1/audit?actor=system:cli"));
        Assert.Equal(
            [("role.grant", "ops", "admin on *"), ("user.create", "ops", "reset-admin-password")],
            audit.RootElement.GetProperty("entries").EnumerateArray()
                .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("target").GetString(), e.GetProperty("detail").GetString()))
                .OrderBy(e => e.Item1, StringComparer.Ordinal));

        // The bootstrap found a global admin (ops), so it generated no password and created no 'admin' account.
        Assert.DoesNotContain("created the account 'admin'", registry.RecentOutput());
    }

    [Theory]
    [InlineData("short\n", "at least 8 characters")]
    [InlineData("rgt_looks-like-a-token\n", "CI token")]
    [InlineData(null, "no password given")]
    public async Task ResetAdminPassword_WithARefusedOrMissingPassword_ExitsOne_AndChangesNothing(string? input, string message)
    {
        using TempDirectory data = TempDirectory.Create("registry-reset-");

        ProcessResult reset = await CommandLineProcess.RunAsync(["reset-admin-password"], Settings(data), input);

        Assert.Equal(1, reset.ExitCode);
        Assert.Contains(message, reset.StandardError);
        Assert.DoesNotContain("password for", reset.StandardOutput);
    }

    [Fact]
    public async Task ResetAdminPassword_WithAnInvalidUserName_ExitsTwo()
    {
        using TempDirectory data = TempDirectory.Create("registry-reset-");

        ProcessResult reset = await CommandLineProcess.RunAsync(["reset-admin-password", "--user", "Not Valid"], Settings(data), "long-enough-1\n");

        Assert.Equal(2, reset.ExitCode);
        Assert.Contains("not a valid user name", reset.StandardError);
    }

    private static Dictionary<string, string?> Settings(TempDirectory data) => new()
    {
        ["Registry__Storage__Path"] = data.Path,
        ["Registry__Metadata__ConnectionString"] = $"Data Source={Path.Combine(data.Path, "registry.db")}",
    };

    private static Dictionary<string, string> Server(Dictionary<string, string?> settings, string adminPassword) => new()
    {
        ["Registry__Metadata__ConnectionString"] = settings["Registry__Metadata__ConnectionString"]!,
        ["Registry__Auth__AdminPassword"] = adminPassword,
    };
}
