using System.Text.Json;

namespace Registry.Tests.Hosting;

/// <summary><c>dotnet Registry.Api.dll fsck</c> through the real process: report, exit codes, orphan removal.</summary>
public sealed class FsckCommandTests
{
    [Fact]
    public async Task FsckCommand_ReportsOrphan_ExitsOne_ThenRemovesIt_AndExitsZero()
    {
        using TempDirectory data = TempDirectory.Create("registry-fsck-");
        string dll = Path.Combine(AppContext.BaseDirectory, "Registry.Api.dll");
        var options = ProcessRunOptions.Default with
        {
            Environment = new Dictionary<string, string?> { ["Registry__Storage__Path"] = data.Path },
        };

        ProcessResult clean = await ProcessRunner.RunAsync("dotnet", [dll, "fsck"], options);
        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("Result: clean.", clean.StandardOutput);

        byte[] bytes = Digests.RandomBytes(20);
        string digest = Digests.Sha256(bytes);
        string hex = Digests.Hex(digest);
        string file = Path.Combine(data.Path, "blobs", "sha256", hex[..2], hex);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2));

        ProcessResult found = await ProcessRunner.RunAsync("dotnet", [dll, "fsck"], options);
        Assert.Equal(1, found.ExitCode);
        Assert.Contains($"ORPHAN  {digest}", found.StandardOutput);
        Assert.Contains("Result: problems found.", found.StandardOutput);

        ProcessResult kept = await ProcessRunner.RunAsync("dotnet", [dll, "fsck", "--remove-orphans", "--grace", "03:00:00", "--json"], options);
        Assert.Equal(1, kept.ExitCode);
        using (JsonDocument json = JsonDocument.Parse(kept.StandardOutput))
        {
            JsonElement orphan = Assert.Single(json.RootElement.GetProperty("orphans").EnumerateArray());
            Assert.Equal(digest, orphan.GetProperty("digest").GetString());
            Assert.False(orphan.GetProperty("removed").GetBoolean());
        }

        Assert.True(File.Exists(file));

        ProcessResult removed = await ProcessRunner.RunAsync("dotnet", [dll, "fsck", "--remove-orphans"], options);
        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("1 removed", removed.StandardOutput);
        Assert.False(File.Exists(file));

        ProcessResult bad = await ProcessRunner.RunAsync("dotnet", [dll, "fsck", "--grace", "soon"], options);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--grace", bad.StandardError);
    }
}
