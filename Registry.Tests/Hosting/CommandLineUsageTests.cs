using Registry.Tests.Support;

namespace Registry.Tests.Hosting;

/// <summary>The binary's command line: help, and exit code 2 for what it does not understand.</summary>
public sealed class CommandLineUsageTests
{
    private static readonly Dictionary<string, string?> NoSettings = new();

    [Fact]
    public async Task Help_ListsEveryCommandAndTheHealthcheck_AndExitsZero()
    {
        ProcessResult help = await CommandLineProcess.RunAsync(["--help"], NoSettings);

        Assert.Equal(0, help.ExitCode);
        foreach (string expected in new[] { "--healthcheck", "migrate", "fsck", "gc", "reset-admin-password" })
        {
            Assert.Contains(expected, help.StandardOutput);
        }
    }

    [Theory]
    [InlineData("fsck", "--remove-orphans")]
    [InlineData("gc", "--dry-run")]
    [InlineData("reset-admin-password", "--user")]
    public async Task CommandHelp_ListsItsOptions(string command, string option)
    {
        ProcessResult help = await CommandLineProcess.RunAsync([command, "--help"], NoSettings);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains(option, help.StandardOutput);
    }

    [Theory]
    [InlineData("serve-now")]
    [InlineData("gc", "--bogus")]
    [InlineData("fsck", "--grace")]
    [InlineData("reset-admin-password", "--user")]
    public async Task BadUsage_ExitsTwo_WithoutStartingAnything(params string[] args)
    {
        using TempDirectory data = TempDirectory.Create("registry-usage-");

        ProcessResult bad = await CommandLineProcess.RunAsync(args, new Dictionary<string, string?> { ["Registry__Storage__Path"] = data.Path });

        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--help", bad.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));
    }
}
