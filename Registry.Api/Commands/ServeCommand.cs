using Registry.Api.Hosting;

namespace Registry.Api.Commands;

/// <summary>Runs the registry server: what the binary does without a command, with only setting arguments.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> settings)
    {
        WebApplication app = CommandHost.Build(settings);
        await app.InitializeRegistryAsync();
        app.MapRegistry();
        await app.RunAsync();
        return 0;
    }
}
