using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// An end-to-end test class with a registry process of its own (embedded defaults on a fresh data directory) and a
/// scratch directory; when the class is done, the registry's last output goes to the test log.
/// </summary>
public abstract class RegistryProcessTest(ITestOutputHelper output, string workPrefix) : IAsyncLifetime
{
    private RegistryProcess? registry;

    protected ITestOutputHelper Output { get; } = output;

    private protected TempDirectory Work { get; } = TempDirectory.Create(workPrefix);

    private protected RegistryProcess Registry => registry ?? throw new InvalidOperationException("The registry did not start.");

    public virtual async Task InitializeAsync() => await StartAsync(null);

    /// <summary>Starts the registry with extra environment variables (settings such as Registry__Console__PageSize).</summary>
    private protected async Task StartAsync(IReadOnlyDictionary<string, string>? environment)
        => registry = await RegistryProcess.StartAsync(environment);

    public virtual async Task DisposeAsync()
    {
        if (registry is not null)
        {
            Output.WriteLine("--- registry output ---");
            Output.WriteLine(registry.RecentOutput(300));
            await registry.DisposeAsync();
        }

        Work.Dispose();
    }
}
