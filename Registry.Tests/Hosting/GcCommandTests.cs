using System.Net;
using System.Text.Json;

namespace Registry.Tests.Hosting;

/// <summary><c>dotnet Registry.Api.dll gc [--dry-run]</c> through the real process, beside a running registry.</summary>
public sealed class GcCommandTests
{
    [Fact]
    public async Task GcCommand_DryRunReportsTheAbandonedBlob_ThenAPassRemovesIt_AndExitsZero()
    {
        await using RegistryProcess registry = await RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["Registry__Gc__Enabled"] = "false",
            ["Registry__Gc__PinDuration"] = "00:00:01",
        });
        byte[] bytes = Digests.RandomBytes(1234);
        string digest = Digests.Sha256(bytes);
        using HttpClient http = registry.CreateClient();
        using (var content = new ByteArrayContent(bytes))
        using (HttpResponseMessage pushed = await http.PostAsync($"v2/gc/cmd/blobs/uploads/?digest={digest}", content))
        {
            Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);   // uploaded, but no manifest will ever use it
        }

        string file = Path.Combine(registry.DataPath, "blobs", "sha256", digest[7..9], digest[7..]);
        Assert.True(File.Exists(file));
        await Task.Delay(TimeSpan.FromSeconds(2));   // past the upload's one-second pin
        string dll = Path.Combine(AppContext.BaseDirectory, "Registry.Api.dll");
        var options = ProcessRunOptions.Default with
        {
            Environment = new Dictionary<string, string?>
            {
                ["Registry__Storage__Path"] = registry.DataPath,
                ["Registry__Gc__ReviewDelay"] = "00:00:00",
            },
        };

        ProcessResult dryRun = await ProcessRunner.RunAsync("dotnet", [dll, "gc", "--dry-run"], options);
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains($"WOULD REMOVE {digest} (1234 bytes", dryRun.StandardOutput);
        Assert.Contains("Would remove 1 blobs, 1234 bytes.", dryRun.StandardOutput);
        Assert.True(File.Exists(file));

        ProcessResult pass = await ProcessRunner.RunAsync("dotnet", [dll, "gc"], options);
        Assert.Equal(0, pass.ExitCode);
        Assert.Contains($"REMOVED {digest} (1234 bytes", pass.StandardOutput);
        Assert.Contains("Removed 1 blobs, 1234 bytes; 0 errors.", pass.StandardOutput);
        Assert.False(File.Exists(file));
        using (HttpResponseMessage head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"v2/gc/cmd/blobs/{digest}")))
        {
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        ProcessResult empty = await ProcessRunner.RunAsync("dotnet", [dll, "gc", "--dry-run", "--json"], options);
        Assert.Equal(0, empty.ExitCode);
        using JsonDocument json = JsonDocument.Parse(empty.StandardOutput);
        Assert.Equal(0, json.RootElement.GetProperty("count").GetInt32());
        Assert.True(json.RootElement.GetProperty("dryRun").GetBoolean());
    }
}
