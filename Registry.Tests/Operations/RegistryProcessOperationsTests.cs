using System.Text.Json;
using Registry.Tests.Support;

namespace Registry.Tests.Operations;

/// <summary>The operations features in the real registry process, as a container runs it (Production, Kestrel).</summary>
public sealed class RegistryProcessOperationsTests
{
    [Fact]
    public async Task HealthCheckMode_AgainstTheRunningRegistry_ExitsZero_AndOneOnceItStopped()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Registry.Api.dll");
        string address;
        ProcessResult healthy;
        await using (RegistryProcess registry = await RegistryProcess.StartAsync())
        {
            address = registry.BaseUri.ToString();
            healthy = await ProcessRunner.RunAsync("dotnet", [dll, "--healthcheck", address]);
        }

        ProcessResult stopped = await ProcessRunner.RunAsync("dotnet", [dll, "--healthcheck", address]);

        Assert.True(healthy.Succeeded, healthy.Describe());
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("did not answer", stopped.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleOutput_InProduction_IsOneJsonObjectPerLineWithTheRequestId()
    {
        await using RegistryProcess registry = await RegistryProcess.StartAsync();
        using HttpClient client = registry.CreateClient();
        using HttpResponseMessage response = await client.GetAsync("/v2/logs/process/manifests/latest");
        using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string requestId = error.RootElement.GetProperty("errors")[0].GetProperty("detail").GetProperty("requestId").GetString()!;

        string? line = null;
        for (int attempt = 0; attempt < 100 && line is null; attempt++)
        {
            line = registry.RecentOutput().Split('\n').FirstOrDefault(l => l.Contains(requestId, StringComparison.Ordinal));
            if (line is null)
            {
                await Task.Delay(50);
            }
        }

        Assert.True(line is not null, registry.RecentOutput());
        using JsonDocument entry = JsonDocument.Parse(line);
        Assert.Contains(entry.RootElement.GetProperty("Scopes").EnumerateArray(),
            scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("RequestId", out JsonElement id) && id.GetString() == requestId);
        Assert.All(registry.RecentOutput().Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => Assert.StartsWith("{", l.TrimStart(), StringComparison.Ordinal));
    }
}
