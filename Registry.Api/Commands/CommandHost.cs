using Microsoft.Extensions.Options;
using Registry.Api.Hosting;

namespace Registry.Api.Commands;

/// <summary>
/// Builds the registry's application from the settings arguments (the server and every command read the same
/// appsettings, <c>Registry__...</c> variables and <c>--Registry:...=</c> arguments).
/// </summary>
internal static class CommandHost
{
    /// <summary>Who the audit log names for changes made from the command line (<c>system:cli</c>).</summary>
    public const string CliActor = "system:cli";

    public static WebApplication Build(IReadOnlyList<string> settings)
    {
        // Blob writes and fsyncs are blocking calls on pool threads; on a 2-core machine the default minimum of 2
        // threads would make concurrent pushes wait for the pool to grow (one thread per 500 ms) instead of the disk.
        ThreadPool.GetMinThreads(out int workerThreads, out int ioThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, 64), ioThreads);

        // Settings files ship beside the binary, so they are found whatever the working directory; relative data
        // paths (the default ./data) still resolve against the working directory.
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. settings],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddRegistry();
        return builder.Build();
    }

    /// <summary>For a one-shot command: the application, with the schema migrated first unless operators migrate separately.</summary>
    public static async Task<WebApplication> BuildMigratedAsync(IReadOnlyList<string> settings)
    {
        WebApplication app = Build(settings);
        if (app.Services.GetRequiredService<IOptions<MetadataSettings>>().Value.MigrateOnStart)
        {
            await app.MigrateMetadataAsync();
        }

        return app;
    }
}
