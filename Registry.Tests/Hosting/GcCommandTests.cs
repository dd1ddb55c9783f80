using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Registry.Tests.Hosting;

/// <summary>
/// <c>dotnet Registry.Api.dll gc [--dry-run]</c> through the real process, beside a running registry (in the test's
/// process, on the same data directory). The command reads the real clock, which a test cannot move; so the registry
/// runs on a clock an hour behind, and the one-second pin its upload writes has long expired when the command looks.
/// </summary>
public sealed class GcCommandTests
{
    private const string AdminPassword = "gc-command-admin-password";

    [Fact]
    public async Task GcCommand_DryRunReportsTheAbandonedBlob_ThenAPassRemovesIt_AndExitsZero()
    {
        using TempDirectory data = TempDirectory.Create("registry-gc-cmd-");
        var anHourBehind = new ManualClock(TimeProvider.System.GetUtcNow().AddHours(-1));
        await using var host = new WebApplicationFactory<Program>();
        WebApplicationFactory<Program> registry = host.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Registry:Storage:Path", data.Path);
            builder.UseSetting("Registry:Auth:AdminPassword", AdminPassword);
            builder.UseSetting("Registry:Gc:Enabled", "false");
            builder.UseSetting("Registry:Gc:PinDuration", "00:00:01");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(anHourBehind));
            builder.ConfigureLogging(logging => logging.ClearProviders());
        });
        using HttpClient http = registry.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + AdminPassword)));
        byte[] bytes = Digests.RandomBytes(1234);
        string digest = Digests.Sha256(bytes);
        using (var content = new ByteArrayContent(bytes))
        using (HttpResponseMessage pushed = await http.PostAsync($"/v2/gc/cmd/blobs/uploads/?digest={digest}", content))
        {
            Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);   // uploaded, but no manifest will ever use it
        }

        string file = Path.Combine(data.Path, "blobs", "sha256", digest[7..9], digest[7..]);
        Assert.True(File.Exists(file));
        string dll = Path.Combine(AppContext.BaseDirectory, "Registry.Api.dll");
        var options = ProcessRunOptions.Default with
        {
            Environment = new Dictionary<string, string?>
            {
                ["Registry__Storage__Path"] = data.Path,
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
        using (HttpResponseMessage head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/gc/cmd/blobs/{digest}")))
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
